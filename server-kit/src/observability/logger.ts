import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

const LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface LoggerOptions {
  /** Service name written on every line (gateway, police, …). */
  service: string;
  /** Level; by default LOG_LEVEL, else `fallbackLevel`. */
  level?: LevelWithSilent;
  /** Level when neither `level` nor LOG_LEVEL is given (default info). */
  fallbackLevel?: LevelWithSilent;
  /** Where lines go (default stdout); tests pass a stream they read. */
  destination?: DestinationStream;
  env?: NodeJS.ProcessEnv;
}

/** LOG_LEVEL when it names a pino level (silent included); undefined when unset; an error when misspelt. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LevelWithSilent | undefined {
  const raw = env.LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return undefined;
  const level = LEVELS.find((l) => l === raw);
  if (!level) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')} (got "${raw}")`);
  return level;
}

/**
 * An error as it is logged: type, message, stack and a string code, nothing else (a
 * TypeORM error's enumerable `parameters` may hold personal data, so pino's own serializer,
 * which copies every property, is not used).
 */
export function serializeError(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  const cause: Record<string, string> =
    error.cause instanceof Error ? { cause: `${error.cause.name}: ${error.cause.message}` } : {};
  return {
    type: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    ...cause,
  };
}

/**
 * The one logger factory: JSON lines with the service name, level as a word and an ISO
 * time. Passwords, tokens and authorization headers are redacted wherever a caller puts
 * them by mistake.
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? logLevelFromEnv(options.env) ?? options.fallbackLevel ?? 'info';
  return pino(
    {
      level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}

/**
 * The logger of a server started without one (tests, the in-process system): LOG_LEVEL, or
 * silent, so test output stays clean unless asked for.
 */
export function defaultServiceLogger(service: string): Logger {
  return createLogger({ service, fallbackLevel: 'silent' });
}
