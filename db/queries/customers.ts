import { and, eq, sql } from 'drizzle-orm';

import type { Database } from '../client';
import { preparedFor } from '../prepared';
import { customers, type CustomerRow } from '../schema';

import { newestFirst } from './newest-first';

export interface CustomerValues {
  name: string;
  email: string | null;
  phone: string | null;
  metadata: Record<string, string>;
}

export interface PageRequest {
  limit: number;
  /** The last row of the previous page: its created_at as ISO 8601, and its id. */
  after?: { createdAt: string; id: string };
}

// Every column the API returns; the organisation is left out because every query filters on it.
const rowColumns = {
  id: customers.id,
  name: customers.name,
  email: customers.email,
  phone: customers.phone,
  metadata: customers.metadata,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
};

const byOrganisation = eq(customers.organisationId, sql.placeholder('organisationId'));
// Matches customers_organisation_page_idx column for column, so a page is an index range read.
const pageOrder = [newestFirst(customers.createdAt), newestFirst(customers.id)] as const;
// A row comparison is one index condition, so a later page starts at the cursor instead of
// filtering every earlier row. The cursor's time goes in as ISO text with an explicit cast:
// placeholders skip Drizzle's column encoders, and both drivers then compare the same value.
const beforeCursor = sql`(${customers.createdAt}, ${customers.id}) < (
  ${sql.placeholder('afterCreatedAt')}::timestamptz, ${sql.placeholder('afterId')}::uuid)`;

// Prepared once per database handle: the list is the busiest API route, and building its SQL
// on every request cost more CPU than running it (see bench/BASELINE.md). Exported for the
// plan test and the bench, which pin the index these pages must be read from.
export const firstPage = preparedFor((db) =>
  db
    .select(rowColumns)
    .from(customers)
    .where(byOrganisation)
    .orderBy(...pageOrder)
    .limit(sql.placeholder('limit'))
    .prepare('customers_first_page'),
);

export const pageAfterCursor = preparedFor((db) =>
  db
    .select(rowColumns)
    .from(customers)
    .where(and(byOrganisation, beforeCursor))
    .orderBy(...pageOrder)
    .limit(sql.placeholder('limit'))
    .prepare('customers_page_after_cursor'),
);

const customerById = preparedFor((db) =>
  db
    .select(rowColumns)
    .from(customers)
    .where(and(byOrganisation, eq(customers.id, sql.placeholder('id'))))
    .limit(1)
    .prepare('customers_by_id'),
);

/**
 * Newest first by (created_at, id): keyset pagination, so rows inserted while a client pages
 * never shift or repeat later pages, and the cost does not grow with the offset.
 */
export async function listCustomersPage(
  db: Database,
  organisationId: string,
  page: PageRequest,
): Promise<{ rows: CustomerRow[]; hasMore: boolean }> {
  const limit = page.limit + 1;
  const rows = page.after
    ? await pageAfterCursor(db).execute({
        organisationId,
        limit,
        afterCreatedAt: page.after.createdAt,
        afterId: page.after.id,
      })
    : await firstPage(db).execute({ organisationId, limit });

  return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

export async function findCustomer(db: Database, organisationId: string, id: string) {
  const [row] = await customerById(db).execute({ organisationId, id });
  return row ?? null;
}

export async function insertCustomer(db: Database, organisationId: string, values: CustomerValues) {
  const [row] = await db
    .insert(customers)
    .values({ ...values, organisationId })
    .returning(rowColumns);
  if (!row) throw new Error('insert into customers returned no row');
  return row;
}

export async function updateCustomer(
  db: Database,
  organisationId: string,
  id: string,
  changes: Partial<CustomerValues>,
) {
  const [row] = await db
    .update(customers)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(customers.organisationId, organisationId), eq(customers.id, id)))
    .returning(rowColumns);
  return row ?? null;
}

export async function deleteCustomer(db: Database, organisationId: string, id: string) {
  const deleted = await db
    .delete(customers)
    .where(and(eq(customers.organisationId, organisationId), eq(customers.id, id)))
    .returning({ id: customers.id });
  return deleted.length > 0;
}
