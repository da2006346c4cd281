import { pgTable, text } from 'drizzle-orm/pg-core';

import { createdAt, primaryId } from './columns';

export const organisations = pgTable('organisations', {
  id: primaryId(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export type Organisation = typeof organisations.$inferSelect;
