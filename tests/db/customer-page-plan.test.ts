import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { getDb, type Database } from '@/db/client';
import { firstPage, pageAfterCursor } from '@/db/queries/customers';

import { makeOrganisation } from '../helpers/fixtures';

type PlanMode = 'force_custom_plan' | 'force_generic_plan';

/**
 * The plan of one of the list's prepared statements, run the way the app runs it. Sequential and
 * bitmap scans are switched off because a test table is tiny and the planner would rightly read
 * it whole; what is left to check is whether the index alone yields rows in the page's order.
 */
async function planOf(query: string, values: string[], mode: PlanMode): Promise<string> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local enable_seqscan = off'));
    await tx.execute(sql.raw('set local enable_bitmapscan = off'));
    await tx.execute(sql.raw(`set local plan_cache_mode = ${mode}`));
    await tx.execute(sql.raw(`prepare page_plan_check as ${query}`));
    const explained = await tx.execute(
      sql.raw(`explain execute page_plan_check(${values.join()})`),
    );
    await tx.execute(sql.raw('deallocate page_plan_check'));

    // postgres.js returns the rows themselves, PGlite an object that holds them.
    type Row = Record<string, unknown>;
    const result = explained as Row[] | { rows: Row[] };
    const rows = Array.isArray(result) ? result : result.rows;
    return rows.map((row) => String(row['QUERY PLAN'])).join('\n');
  });
}

const quoted = (value: string) => `'${value}'`;

describe('customer pages are read from the page index, never sorted', () => {
  for (const mode of ['force_custom_plan', 'force_generic_plan'] as const) {
    it(`first page (${mode})`, async () => {
      const org = await makeOrganisation();
      const db: Database = await getDb();

      const plan = await planOf(firstPage(db).getQuery().sql, [quoted(org.id), '11'], mode);

      expect(plan).toContain('customers_organisation_page_idx');
      expect(plan).not.toMatch(/Sort/);
    });

    it(`page after a cursor (${mode})`, async () => {
      const org = await makeOrganisation();
      const db: Database = await getDb();
      const query = pageAfterCursor(db).getQuery().sql;
      const cursor = [quoted(new Date().toISOString()), quoted(org.id)];

      // Placeholders in the statement's own order: organisation, cursor time, cursor id, limit.
      const plan = await planOf(query, [quoted(org.id), ...cursor, '11'], mode);

      expect(plan).toContain('customers_organisation_page_idx');
      expect(plan).not.toMatch(/Sort/);
      // The cursor bounds the index range itself rather than filtering rows already read.
      expect(plan).toMatch(/Index Cond:.*created_at/);
    });
  }
});
