import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';

import { ApiError } from './errors';
import { toApiError } from './problem';

async function errorOf(query: ReturnType<typeof sql>): Promise<unknown> {
  try {
    await (await getDb()).execute(query);
  } catch (error) {
    return error;
  }
  throw new Error('the query was expected to fail');
}

describe('toApiError', () => {
  it('keeps an ApiError as it is', () => {
    const error = new ApiError('not_found', 'No such customer.');
    expect(toApiError(error)).toBe(error);
  });

  it('makes a value the database refuses a 400, not a 500', async () => {
    const mapped = toApiError(await errorOf(sql`select ${'0000-01-01T00:00:00Z'}::timestamptz`));
    expect(mapped.status).toBe(400);
    expect(mapped.detail).toBe('A value in the request cannot be stored or compared.');
  });

  it('makes anything else a 500 that says nothing about its cause', async () => {
    const mapped = toApiError(await errorOf(sql`select * from no_such_table`));
    expect(mapped.status).toBe(500);
    expect(mapped.detail).toBe('An unexpected error occurred.');
  });
});
