import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { E2E_PORT } from '../../playwright.config';

import { startAppServer } from './app-server';

/**
 * Prepares fresh data, then starts the production server against it; returns the teardown.
 * Real PostgreSQL when DATABASE_URL is set, else a throwaway embedded database. Data comes
 * first because the embedded database allows one process at a time.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `npm run build` (or `npm run test:e2e`) first.');
  }

  const tempDir = mkdtempSync(path.join(tmpdir(), 'servicebay-e2e-'));
  const databaseEnv: Record<string, string> = process.env.DATABASE_URL
    ? { DATABASE_URL: process.env.DATABASE_URL }
    : { PGLITE_DATA_DIR: path.join(tempDir, 'pglite') };

  const prepared = spawnSync('npx', ['tsx', 'e2e/support/prepare-data.ts'], {
    env: { ...process.env, ...databaseEnv, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  if (prepared.status !== 0) throw new Error('preparing the e2e data failed');

  try {
    const server = await startAppServer(
      E2E_PORT,
      { ...databaseEnv, LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn' },
      { showOutput: true, readyWithinMs: 60_000 },
    );
    return async () => {
      await server.stop();
      rmSync(tempDir, { recursive: true, force: true });
    };
  } catch (error) {
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}
