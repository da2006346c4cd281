import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { migrationsFolder } from '@/db/client';
import { queryOn, withScratchDatabase } from '@/tests/helpers/scratch-database';

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
    () =>
      withScratchDatabase('cli_migrate', async (url) => {
        for (let run = 0; run < 2; run += 1) {
          const result = migrate(url);
          expect(result.stderr).toContain('Migrations applied.');
          expect(result.code).toBe(0);
        }

        const [row] = await queryOn<{ count: number }>(
          url,
          'select count(*)::int as count from drizzle.__drizzle_migrations',
        );
        expect(row?.count).toBe(journal.entries.length);
      }),
    60_000,
  );
});
