import type postgres from 'postgres';

import type { Ledger } from './workload';

/**
 * Compares the database with what the clients were told: every acknowledged create is there with
 * its last acknowledged name, every acknowledged delete is gone, and no row exists that no
 * client was told about. Returns one line per violation.
 */
export async function verifyLedger(sql: postgres.Sql, orgId: string, ledger: Ledger) {
  const rows = await sql<{ id: string; name: string; marker: string | null }[]>`
    select id, name, metadata->>'soak' as marker from customers where organisation_id = ${orgId}`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const problems: string[] = [];

  for (const [id, name] of ledger.live) {
    const row = byId.get(id);
    if (!row) problems.push(`acknowledged customer ${id} is missing`);
    else if (!ledger.uncertain.has(id) && row.name !== name) {
      problems.push(`customer ${id} is "${row.name}", the last acknowledged name was "${name}"`);
    }
  }
  for (const id of ledger.deleted) {
    if (byId.has(id)) problems.push(`customer ${id} was deleted (acknowledged) but is still there`);
  }
  for (const row of rows) {
    if (!row.marker || !ledger.acknowledged.has(row.marker)) {
      problems.push(`customer ${row.id} (${row.marker}) was never acknowledged to a client`);
    }
  }
  return { rows: rows.length, problems };
}
