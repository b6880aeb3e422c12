/** PostgreSQL's code for a unique-constraint violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * The unique constraint (or index) a database error broke, or null for any other error;
 * reads TypeORM's QueryFailedError (driverError) and pg's own error alike.
 */
export function violatedUniqueConstraint(error: unknown): string | null {
  const e = error as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === UNIQUE_VIOLATION && typeof name === 'string' ? name : null;
}

/** Is a database error a violation of the named unique constraint or index? */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return violatedUniqueConstraint(error) === constraint;
}
