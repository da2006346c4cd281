import { z } from 'zod';

import { getDb } from '@/db/client';
import * as queries from '@/db/queries/customers';
import { ApiError } from '@/lib/api/errors';
import { SharedReads } from '@/lib/async/shared-reads';

import { decodeCursor, encodeCursor, type CustomerCursor } from './cursor';
import type { CreateCustomerInput, UpdateCustomerInput } from './schemas';
import { serializeCustomer } from './serialize';
import { isoFromPostgres } from './timestamps';

const uuid = z.uuid();

function notFound(): ApiError {
  return new ApiError('not_found', 'No customer with that id exists in this organisation.');
}

/** A malformed id cannot name a customer, so it is the same 404 as an unknown one. */
function customerId(id: string): string {
  if (!uuid.safeParse(id).success) throw notFound();
  return id;
}

async function readPage(orgId: string, limit: number, after?: CustomerCursor) {
  const { rows, hasMore } = await queries.listCustomersPage(await getDb(), orgId, { limit, after });

  const last = rows.at(-1);
  const nextCursor =
    hasMore && last
      ? encodeCursor({ createdAt: isoFromPostgres(last.createdAt), id: last.id })
      : null;
  return { data: rows.map(serializeCustomer), next_cursor: nextCursor };
}

// Clients polling the same page at once share its reads (see SharedReads for why none of them
// can see data older than its request); the page is shared as its JSON text, which is immutable.
const sharedPages = new SharedReads<string>();

/** One page of the organisation's customers, newest first, as the response's JSON text. */
export function listCustomersJson(orgId: string, limit: number, cursor?: string): Promise<string> {
  const after = cursor === undefined ? undefined : decodeCursor(cursor);

  return sharedPages.read(`${orgId}/${limit}/${cursor ?? ''}`, async () =>
    JSON.stringify(await readPage(orgId, limit, after)),
  );
}

export async function getCustomer(orgId: string, id: string) {
  const row = await queries.findCustomer(await getDb(), orgId, customerId(id));
  if (!row) throw notFound();
  return serializeCustomer(row);
}

export async function createCustomer(orgId: string, input: CreateCustomerInput) {
  return serializeCustomer(await queries.insertCustomer(await getDb(), orgId, input));
}

export async function updateCustomer(orgId: string, id: string, changes: UpdateCustomerInput) {
  const row = await queries.updateCustomer(await getDb(), orgId, customerId(id), changes);
  if (!row) throw notFound();
  return serializeCustomer(row);
}

export async function deleteCustomer(orgId: string, id: string) {
  const deleted = await queries.deleteCustomer(await getDb(), orgId, customerId(id));
  if (!deleted) throw notFound();
}
