import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { isoFromPostgres } from '@/lib/customers/timestamps';

// The API turns customers' times from PostgreSQL's text into ISO 8601 without a Date. This pins
// the text both databases really send on the app's own connection (PGlite and a server whose
// zone may not be UTC) against the instant each value stands for.
describe('timestamp text from the database', () => {
  it('becomes the same ISO 8601 as the instant it stands for', async () => {
    const instants = Array.from({ length: 500 }, (_, i) =>
      i === 0 ? 0 : Math.floor(Math.random() * 253_402_300_799_999),
    );
    instants.push(Date.UTC(2026, 11, 4, 8, 22, 1, 100), Date.UTC(2026, 11, 4, 8, 22, 1, 0));

    const db = await getDb();
    const rows = await db
      .select({
        ms: sql<string>`ms::text`,
        text: sql<string>`(to_timestamp(ms / 1000.0))::timestamptz(3)::text`,
      })
      .from(sql`unnest(${`{${instants.join(',')}}`}::bigint[]) as ms`);

    expect(rows).toHaveLength(instants.length);
    for (const row of rows) {
      expect(isoFromPostgres(row.text)).toBe(new Date(Number(row.ms)).toISOString());
    }
  });
});
