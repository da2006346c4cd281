import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

import type { Database } from '@/db/client';
import { activeKeyByHash } from '@/db/queries/api-keys';
import { firstPage } from '@/db/queries/customers';
import * as schema from '@/db/schema';
import { hashApiKey } from '@/lib/api-keys/format';

import { benchKey, benchOrgId, LOAD_ORG } from './keys';

export interface Plans {
  keyLookup: string;
  listPage: string;
}

/**
 * The plans PostgreSQL picks for the guard's key lookup and the list's first page, from the
 * app's own prepared SQL with the parameters sent as the app sends them (a char(64) column was
 * once seen to lose its index this way, and a NULLS FIRST order once forced a sort).
 */
export async function explainHotQueries(url: string): Promise<Plans> {
  const client = postgres(url, { max: 1, onnotice: () => undefined });
  const explain = async (query: string, values: (string | number)[]) => {
    const rows = await client.unsafe(`explain ${query}`, values);
    return rows.map((row) => String(row['QUERY PLAN'])).join('\n');
  };

  try {
    const db = drizzle(client, { schema }) as unknown as Database;
    const lookup = activeKeyByHash(db).getQuery();
    // The placeholders are the hash and the limit, in the statement's own order.
    const lookupValues = lookup.params.map((param) =>
      typeof param === 'number' ? param : hashApiKey(benchKey(1)),
    );

    return {
      keyLookup: await explain(lookup.sql, lookupValues),
      listPage: await explain(firstPage(db).getQuery().sql, [benchOrgId(LOAD_ORG), 11]),
    };
  } finally {
    await client.end({ timeout: 5 });
  }
}
