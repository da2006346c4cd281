import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import postgres from 'postgres';
import { describe, expect, it } from 'vitest';

import { migrationsFolder } from '@/db/client';

const journal = JSON.parse(
  readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
) as { entries: unknown[] };

// `npm run db:migrate` as an operator runs it: a separate process, configured only by
// DATABASE_URL.
function migrate(databaseUrl: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl;
  const result = spawnSync('npx', ['tsx', 'scripts/db-migrate.ts'], { env, encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr };
}

describe('npm run db:migrate', () => {
  it('explains that it needs DATABASE_URL', () => {
    const result = migrate(undefined);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL is not set.');
  });

  it('names DATABASE_URL when it is not a PostgreSQL URL', () => {
    const result = migrate('mysql://root@localhost/servicebay');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Invalid environment: DATABASE_URL: /);
  });

  it.runIf(process.env.DATABASE_URL)(
    'migrates an empty PostgreSQL database, and a second run changes nothing',
    async () => {
      const admin = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => undefined });
      const name = `servicebay_cli_migrate_${process.pid}_${Date.now()}`;
      await admin.unsafe(`create database ${name}`);
      try {
        const url = new URL(process.env.DATABASE_URL ?? '');
        url.pathname = `/${name}`;

        for (let run = 0; run < 2; run += 1) {
          const result = migrate(url.toString());
          expect(result.stderr).toContain('Migrations applied.');
          expect(result.code).toBe(0);
        }
        const fresh = postgres(url.toString(), { max: 1 });
        const [row] = await fresh<{ count: number }[]>`
          select count(*)::int as count from drizzle.__drizzle_migrations`;
        await fresh.end();
        expect(row?.count).toBe(journal.entries.length);
      } finally {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
    60_000,
  );
});
