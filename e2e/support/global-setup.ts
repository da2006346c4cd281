import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { E2E_PORT } from '../../playwright.config';

const BASE_URL = `http://localhost:${E2E_PORT}`;

async function waitUntilReady(server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      const response = await fetch(`${BASE_URL}/api/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server on ${BASE_URL} was not ready within ${timeoutMs} ms`);
}

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
  const databaseEnv = process.env.DATABASE_URL
    ? { DATABASE_URL: process.env.DATABASE_URL }
    : { PGLITE_DATA_DIR: path.join(tempDir, 'pglite') };

  const prepared = spawnSync('npx', ['tsx', 'e2e/support/prepare-data.ts'], {
    env: { ...process.env, ...databaseEnv, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  if (prepared.status !== 0) throw new Error('preparing the e2e data failed');

  const server = spawn(
    'node',
    ['node_modules/next/dist/bin/next', 'start', '-p', String(E2E_PORT)],
    {
      env: {
        ...process.env,
        ...databaseEnv,
        NODE_ENV: 'production',
        NEXTAUTH_URL: BASE_URL,
        NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
        TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        SEED_DEMO_DATA: 'false',
        // Limits live in Redis when REDIS_URL is set, and Redis outlives the run: a run of its
        // own must not inherit the failed sign-ins that earlier runs counted for 127.0.0.1.
        RATE_LIMIT_PREFIX: `e2e-${randomBytes(6).toString('hex')}`,
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      },
      // Its own process group, so the teardown stops next start and anything it spawned.
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );

  const stop = async () => {
    if (server.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      process.kill(-server.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    }
    rmSync(tempDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(server, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
