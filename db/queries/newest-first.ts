import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column DESC NULLS LAST`, the direction drizzle-kit writes for `.desc()` in an index. Drizzle's
 * `desc()` renders a bare `DESC`, which PostgreSQL reads as NULLS FIRST: that order does not match
 * such an index, so the planner sorted every row of the organisation instead of reading the first
 * few from the index (seen in the bench: 6.5 ms against 0.1 ms for 20,000 customers).
 */
export function newestFirst(column: AnyColumn): SQL {
  return sql`${column} desc nulls last`;
}
