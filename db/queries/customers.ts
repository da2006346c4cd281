import { and, desc, eq, lt, or, sql } from 'drizzle-orm';

import type { Database } from '../client';
import { customers, type Customer } from '../schema';

export interface CustomerValues {
  name: string;
  email: string | null;
  phone: string | null;
  metadata: Record<string, string>;
}

export interface PageRequest {
  limit: number;
  after?: { createdAt: Date; id: string };
}

/**
 * Newest first by (created_at, id): keyset pagination, so rows inserted while a client pages
 * never shift or repeat later pages, and the cost does not grow with the offset.
 */
export async function listCustomersPage(
  db: Database,
  organisationId: string,
  page: PageRequest,
): Promise<{ rows: Customer[]; hasMore: boolean }> {
  const after = page.after;
  const beforeCursor = after
    ? or(
        lt(customers.createdAt, after.createdAt),
        and(eq(customers.createdAt, after.createdAt), lt(customers.id, after.id)),
      )
    : undefined;

  const rows = await db
    .select()
    .from(customers)
    .where(and(eq(customers.organisationId, organisationId), beforeCursor))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(page.limit + 1);

  return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

export async function findCustomer(db: Database, organisationId: string, id: string) {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.organisationId, organisationId), eq(customers.id, id)))
    .limit(1);
  return row ?? null;
}

export async function insertCustomer(db: Database, organisationId: string, values: CustomerValues) {
  const [row] = await db
    .insert(customers)
    .values({ ...values, organisationId })
    .returning();
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
    .returning();
  return row ?? null;
}

export async function deleteCustomer(db: Database, organisationId: string, id: string) {
  const deleted = await db
    .delete(customers)
    .where(and(eq(customers.organisationId, organisationId), eq(customers.id, id)))
    .returning({ id: customers.id });
  return deleted.length > 0;
}
