import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';

import { primaryId, timestampText } from './columns';
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
    createdAt: timestampText('created_at').notNull().defaultNow(),
    updatedAt: timestampText('updated_at').notNull().defaultNow(),
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

/** What the API reads back: every column but the organisation, which the caller knows. */
export type CustomerRow = Omit<Customer, 'organisationId'>;
