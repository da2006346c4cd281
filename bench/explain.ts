import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

import type { Database } from '@/db/client';
import { activeKeyByHash } from '@/db/queries/api-keys';
import * as schema from '@/db/schema';
import { hashApiKey } from '@/lib/api-keys/format';

import { benchKey } from './keys';

/**
 * The plan PostgreSQL picks for the guard's own key lookup SQL, with the hash sent as a text
 * parameter as the app sends it (a char(64) column was once seen to lose its index this way).
 */
export async function explainKeyLookup(url: string): Promise<string> {
  const client = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const db = drizzle(client, { schema }) as unknown as Database;
    const { sql, params } = activeKeyByHash(db).getQuery();
    // The placeholders are the hash and the limit, in the statement's own order.
    const values = params.map((param) =>
      typeof param === 'number' ? param : hashApiKey(benchKey(1)),
    );
    const rows = await client.unsafe(`explain ${sql}`, values);
    return rows.map((row) => String(row['QUERY PLAN'])).join('\n');
  } finally {
    await client.end({ timeout: 5 });
  }
}
