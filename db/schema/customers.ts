import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';

import { createdAt, primaryId, timestampMs } from './columns';
import { organisations } from './organisations';

export const customers = pgTable(
  'customers',
  {
    id: primaryId(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    metadata: jsonb('metadata').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: timestampMs('updated_at').notNull().defaultNow(),
  },
  // Serves the newest-first keyset pagination of one organisation without a sort.
  (table) => [
    index('customers_organisation_page_idx').on(
      table.organisationId,
      table.createdAt.desc(),
      table.id.desc(),
    ),
  ],
);

export type Customer = typeof customers.$inferSelect;
