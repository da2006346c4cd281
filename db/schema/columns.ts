import { timestamp, uuid } from 'drizzle-orm/pg-core';

// Millisecond precision matches JavaScript dates, so a timestamp read into a Date and written
// back (for example inside a pagination cursor) compares equal to the stored value.
export const timestampMs = (name: string) =>
  timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

export const primaryId = () => uuid('id').primaryKey().defaultRandom();

export const createdAt = () => timestampMs('created_at').notNull().defaultNow();
