import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';

import { migrationsFolder } from '@/db/client';
import { migratePostgres } from '@/db/migrate';
import { queryOn, withScratchDatabase } from '@/tests/helpers/scratch-database';

const expectedTables = [
  'api_keys',
  'audit_events',
  'customers',
  'key_cache_instances',
  'key_change_counter',
  'memberships',
  'organisations',
  'recovery_codes',
  'revoked_sessions',
  'sign_in_challenges',
  'users',
];

const tablesQuery = `select table_name from information_schema.tables
  where table_schema = 'public' order by table_name`;

describe('migrations on an empty database', () => {
  it('build the whole schema on the embedded database, and re-running is a no-op', async () => {
    const client = await PGlite.create('memory://');
    const db = drizzlePglite(client);
    await migratePglite(db, { migrationsFolder });
    await migratePglite(db, { migrationsFolder });

    const { rows } = await client.query<{ table_name: string }>(tablesQuery);
    expect(rows.map((row) => row.table_name)).toEqual(expectedTables);
    await client.close();
  });

  it.runIf(process.env.DATABASE_URL)('build the whole schema on a fresh PostgreSQL database', () =>
    withScratchDatabase('migrate', async (url) => {
      await migratePostgres(url);
      await migratePostgres(url);

      const rows = await queryOn<{ table_name: string }>(url, tablesQuery);
      expect(rows.map((row) => row.table_name)).toEqual(expectedTables);
    }),
  );
});
