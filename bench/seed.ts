import postgres from 'postgres';

import { migratePostgres } from '@/db/migrate';
import { encodeCursor } from '@/lib/customers/cursor';

import { CUSTOMERS_PER_ORG, KEYS_PER_ORG, keyPlaintextSql, orgIdSql, REVOKED_KEY } from './keys';

type Sql = postgres.Sql;

/** The bench database's URL on the same server as the admin URL. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }

  const url = databaseUrl(adminUrl, name);
  await migratePostgres(url);
  return url;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

// Organisations first..last, each with KEYS_PER_ORG keys and CUSTOMERS_PER_ORG customers, in
// three set-based statements. Customer times are spread a second apart so pages are ordered.
async function seedOrganisations(sql: Sql, first: number, last: number): Promise<void> {
  await sql.unsafe(`
    insert into organisations (id, name)
    select ${orgIdSql('o')}, 'Bench org ' || o from generate_series(${first}, ${last}) o`);

  await sql.unsafe(`
    insert into api_keys (organisation_id, name, key_hash, last_four)
    select ${orgIdSql('o')}, 'bench-key-' || n,
           encode(sha256(convert_to(${keyPlaintextSql('n')}, 'UTF8')), 'hex'),
           right(md5('bench-key-' || n), 4)
    from generate_series(${first}, ${last}) o, generate_series(1, ${KEYS_PER_ORG}) i,
         lateral (select (o - 1) * ${KEYS_PER_ORG} + i as n) k`);

  await sql.unsafe(`
    insert into customers (organisation_id, name, email, metadata, created_at, updated_at)
    select ${orgIdSql('o')}, 'Customer ' || i, 'customer' || i || '@example.test',
           jsonb_build_object('tier', 'bench'), t, t
    from generate_series(${first}, ${last}) o, generate_series(1, ${CUSTOMERS_PER_ORG}) i,
         lateral (select now() - make_interval(secs => i) as t) c`);
}

/** Runs `work` on a one-connection client of `url`, closed afterwards. */
async function withClient<T>(url: string, work: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Grows the database to `organisations` organisations (1 is small, 1,000 is large) and
 * vacuums and analyses it, so plans reflect the new size. Returns how long seeding took in ms.
 */
export async function seedTo(url: string, from: number, organisations: number): Promise<number> {
  const startedAt = performance.now();
  await withClient(url, async (sql) => {
    // Building the secondary indexes once after a bulk load is far cheaper than inserting a
    // million random hashes into them; the migration's own definitions are put back verbatim.
    const indexes = await sql<{ name: string; definition: string }[]>`
      select indexname as name, indexdef as definition from pg_indexes
      where tablename in ('api_keys', 'customers') and indexname not like '%_pkey'`;
    for (const index of indexes) await sql.unsafe(`drop index "${index.name}"`);

    // Batches of 100 organisations keep each statement's memory and WAL bounded.
    for (let first = from + 1; first <= organisations; first += 100) {
      await seedOrganisations(sql, first, Math.min(first + 99, organisations));
    }
    for (const index of indexes) await sql.unsafe(index.definition);
    await sql.unsafe(
      `update api_keys set revoked_at = now()
       where name = 'bench-key-${REVOKED_KEY}' and revoked_at is null`,
    );
    // Vacuum too: left to autovacuum, the freshly loaded tables may be vacuumed on the same two
    // cores while the first scenarios are measured.
    await sql.unsafe('vacuum analyze');
  });
  return performance.now() - startedAt;
}

/** A sample of the load organisation's customer ids for the get-by-id scenario. */
export function customerIds(url: string, orgId: string, count: number): Promise<string[]> {
  return withClient(url, async (sql) => {
    const rows = await sql<{ id: string }[]>`
      select id from customers where organisation_id = ${orgId} order by id limit ${count}`;
    return rows.map((row) => row.id);
  });
}

/** Cursors to `count` different pages of the load organisation's customers, newest first. */
export function pageCursors(url: string, orgId: string, count: number): Promise<string[]> {
  return withClient(url, async (sql) => {
    const rows = await sql<{ id: string; createdAt: Date }[]>`
      select id, created_at as "createdAt" from customers where organisation_id = ${orgId}
      order by created_at desc, id desc limit ${count}`;
    return rows.map((row) => encodeCursor({ createdAt: row.createdAt.toISOString(), id: row.id }));
  });
}
