import { unwrapResolverError } from '@apollo/server/errors';

/** PostgreSQL SQLSTATEs and socket codes of a database that does not answer (class 08, 57P0x, 53300). */
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|DataSource is not initialized|Cannot use a pool after calling end/i;

function codeOf(value: unknown): string | undefined {
  const code = (value as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the error (a resolver's, unwrapped) means the database is unreachable, not that the request is wrong. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || depth > 4) return false;
  const inner = depth === 0 ? unwrapResolverError(error) : error;
  if (typeof inner !== 'object' || inner === null) return false;
  const code = codeOf(inner) ?? codeOf((inner as { driverError?: unknown }).driverError);
  if (code && CODES.has(code)) return true;
  const message = inner instanceof Error ? inner.message : '';
  if (MESSAGES.test(message)) return true;
  // thrownValue: graphql-js wraps a thrown non-Error (e.g. an error object of another realm) in NonErrorThrown.
  const next = inner as { cause?: unknown; driverError?: unknown; originalError?: unknown; thrownValue?: unknown };
  return isDatabaseUnavailable(next.driverError ?? next.cause ?? next.originalError ?? next.thrownValue, depth + 1);
}
