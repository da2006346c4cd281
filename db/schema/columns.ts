import { timestamp, uuid } from 'drizzle-orm/pg-core';

// Millisecond precision matches JavaScript dates, so a timestamp read into a Date and written
// back (for example inside a pagination cursor) compares equal to the stored value.
export const timestampMs = (name: string) =>
  timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

/**
 * The same column read as PostgreSQL's own text ("2026-12-04 08:22:01.12+00") instead of a Date:
 * for rows that are only ever sent out as ISO 8601, where building a Date per value showed in
 * the bench (lib/customers/timestamps.ts turns the text into ISO 8601).
 */
export const timestampText = (name: string) =>
  timestamp(name, { withTimezone: true, precision: 3, mode: 'string' });

export const primaryId = () => uuid('id').primaryKey().defaultRandom();

export const createdAt = () => timestampMs('created_at').notNull().defaultNow();
