import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { logger } from '@/lib/logger';

import { describeError, safeError } from './safe-error';

const BOUND_VALUE = 'ada@example.test-not-a-number';

async function failedQuery(): Promise<unknown> {
  const db = await getDb();
  try {
    await db.execute(sql`select ${BOUND_VALUE}::int as n`);
  } catch (error) {
    return error;
  }
  throw new Error('the query was expected to fail');
}

describe('safeError', () => {
  it('keeps the failing query and its cause, never a bound value', async () => {
    const error = await failedQuery();
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).toContain(BOUND_VALUE);

    const logged = safeError(error);
    const text = JSON.stringify(logged);
    expect(text).not.toContain(BOUND_VALUE);
    expect(logged.message).toContain('select $1::int');
    expect(logged.causes?.[0]?.code).toBe('22P02');
  });

  it('describes a failure for a terminal with its cause, still without bound values', async () => {
    const line = describeError(await failedQuery());
    expect(line).toContain('invalid input syntax for type integer');
    expect(line).not.toContain(BOUND_VALUE);
  });

  it('is how the server logger writes every `err`', () => {
    const serializers = (logger as unknown as Record<symbol, Record<string, unknown>>)[
      pino.symbols.serializersSym
    ];
    expect(serializers?.err).toBe(safeError);
  });

  it('describes values that are not errors without echoing them', () => {
    expect(safeError('a secret string')).toEqual({ type: 'string', message: 'non-error thrown' });
  });
});
