// Connection-level failures that mean "try again later", as opposed to a bug in a query.
// tests/faults/database-outage.test.ts provokes the common ones against a real server: 57014,
// CONNECTION_CLOSED, ECONNREFUSED and CONNECT_TIMEOUT, each wrapped by drizzle in `cause`.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57014', // query_canceled, which is how statement_timeout surfaces
  '53300', // too_many_connections
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether the error, or one of the causes drizzle and the drivers wrap it in, matches. */
function anyCause(error: unknown, matches: (candidate: unknown) => boolean): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (matches(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return anyCause(error, (candidate) => UNAVAILABLE_CODES.has(codeOf(candidate) ?? ''));
}

/** Unique-constraint violations by constraint name, through drizzle's wrapping. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return anyCause(error, (candidate) => {
    // postgres.js names the constraint `constraint_name`, PGlite `constraint`.
    const found = candidate as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    return found.code === '23505' && (found.constraint_name ?? found.constraint) === constraint;
  });
}

/**
 * SQLSTATE class 22 (data exception): a value the database cannot take, such as a NUL byte or a
 * date out of range. The schemas refuse the known ones first; this keeps any they miss a 400.
 */
export function isDataException(error: unknown): boolean {
  return anyCause(error, (candidate) => /^22[0-9A-Z]{3}$/.test(codeOf(candidate) ?? ''));
}
