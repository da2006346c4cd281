import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

import type { Database } from '@/db/client';
import { migratePostgres } from '@/db/migrate';
import { insertApiKey } from '@/db/queries/api-keys';
import { insertOrganisation } from '@/db/queries/organisations';
import * as schema from '@/db/schema';
import { generateApiKey } from '@/lib/api-keys/format';

import { buildApp, startApp, stopApp, waitUntilReady } from './soak/server';
import { checkServerAnswers } from './soak/server-checks';
import { verifyLedger } from './soak/verify';
import { newLedger, newTally, runWorker, type Tally } from './soak/workload';

const USAGE = `npm run soak -- [--duration SECONDS] [--connections N] [--port PORT] [--no-build]

Builds the app (next build), starts it as production on its own fresh PostgreSQL database,
sends mixed reads and writes from N concurrent connections for the duration, then checks
that every acknowledged write is in the database and no unacknowledged one is. Exits 1 on
any error. PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the
server; the database (SOAK_DB_PREFIX_<time>) is dropped afterwards.`;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    port: { type: 'string', default: process.env.SOAK_PORT ?? '3100' },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function report(tally: Tally, seconds: number): string {
  const sorted = [...tally.latenciesMs].sort((a, b) => a - b);
  return [
    `requests      ${tally.requests} (${Math.round(tally.requests / seconds)}/s)`,
    `by operation  ${JSON.stringify(tally.byOperation)}`,
    `latency ms    p50 ${percentile(sorted, 50).toFixed(1)}  p99 ${percentile(sorted, 99).toFixed(1)}  max ${(sorted.at(-1) ?? 0).toFixed(1)}`,
    `errors        ${tally.errors}${tally.errorSamples.length ? `  e.g. ${tally.errorSamples.join('; ')}` : ''}`,
  ].join('\n');
}

async function seed(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const db = drizzle(sql, { schema }) as unknown as Database;
    const org = await insertOrganisation(db, 'Soak Ltd');
    const key = generateApiKey();
    await insertApiKey(db, {
      organisationId: org.id,
      name: 'soak',
      keyHash: key.hash,
      lastFour: key.lastFour,
      createdByUserId: null,
    });
    return { orgId: org.id, apiKey: key.plaintext };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function main(): Promise<number> {
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const seconds = Number(values.duration);
  const connections = Number(values.connections);
  const port = Number(values.port);
  if (!(seconds > 0) || !(connections > 0) || !(port > 0)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `${process.env.SOAK_DB_PREFIX ?? 'servicebay_soak'}_${Date.now()}`;
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;

  if (!values['no-build'] || !existsSync('.next/BUILD_ID')) await buildApp();

  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${database}"`);
  let server: ReturnType<typeof startApp> | undefined;
  try {
    await migratePostgres(url.toString());
    const { orgId, apiKey } = await seed(url.toString());

    // The per-key limit would turn a soak into a rate-limit test; it is lifted for this run.
    server = startApp(port, {
      DATABASE_URL: url.toString(),
      API_RATE_LIMIT_PER_MINUTE: '1000000000',
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady(baseUrl);

    const target = { baseUrl, orgId, apiKey };
    const serverFailures = await checkServerAnswers(target);
    for (const failure of serverFailures) process.stdout.write(`server check failed: ${failure}\n`);

    process.stdout.write(`soak: ${connections} connections for ${seconds} s against ${baseUrl}\n`);
    const ledger = newLedger();
    const tally = newTally();
    const deadline = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, (_, worker) =>
        runWorker(worker, target, deadline, ledger, tally),
      ),
    );

    process.stdout.write(`${report(tally, seconds)}\n`);
    const direct = postgres(url.toString(), { max: 1, onnotice: () => undefined });
    const checked = await verifyLedger(direct, orgId, ledger).finally(() => direct.end());
    process.stdout.write(
      `database      ${checked.rows} rows, ${ledger.live.size} expected; ` +
        `${checked.problems.length} violations\n`,
    );
    for (const problem of checked.problems.slice(0, 20)) process.stdout.write(`  ${problem}\n`);

    const clean = serverFailures.length === 0 && checked.problems.length === 0;
    return tally.errors === 0 && clean ? 0 : 1;
  } finally {
    if (server) await stopApp(server);
    await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.end({ timeout: 5 });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`soak failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
