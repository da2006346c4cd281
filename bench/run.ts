import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import postgres from 'postgres';

import { ensureBuild } from './build';
import { explainHotQueries } from './explain';
import { benchKey, benchOrgId, LOAD_ORG, REVOKED_KEY, VALID_KEYS } from './keys';
import { measure, type LoadOptions, type LoadTarget, type Measurement } from './load';
import { parseOptions, USAGE, type BenchOptions } from './options';
import {
  formatScaleOut,
  formatTable,
  writeJson,
  type BenchReport,
  type ScaleOut,
  type ScenarioResult,
} from './report';
import { scenarios, type Scenario, type ScenarioName } from './scenarios';
import { createDatabase, customerIds, dropDatabase, pageCursors, seedTo } from './seed';
import { startServer, type RunningServer } from './server';
import { checkTargets } from './targets';

const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, 'bench', 'results');
const ORGANISATIONS = { small: 1, large: 1_000 } as const;

// The smoke run exists so that the bench cannot rot; its figures come from a cold server.
const SMOKE_CAVEAT =
  'smoke run: 1 s per scenario, no warm-up, on a fresh server; the speed lines above say ' +
  'nothing about the targets (npm run bench measures them)';

function say(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function start(options: BenchOptions, databaseUrl: string, index: number) {
  const port = options.basePort + index;
  return startServer({
    root,
    port,
    databaseUrl,
    env: options.serverEnv,
    logFile: path.join(resultsDir, `server-${port}.log`),
    cpuProfileDir: options.profile ? path.join(resultsDir, 'profiles') : undefined,
  });
}

async function postgresVersion(url: string): Promise<string> {
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql<{ server_version: string }[]>`show server_version`;
    return row?.server_version ?? 'unknown';
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function machine(postgresServer: string): BenchReport['machine'] {
  const cpuInfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    nproc: Number(execSync('nproc').toString().trim()),
    cpuModel: /model name\s*:\s*(.+)/.exec(cpuInfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres: postgresServer,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

async function runScale(
  options: BenchOptions,
  server: RunningServer,
  list: Scenario[],
  scale: 'small' | 'large',
): Promise<ScenarioResult[]> {
  const load: LoadOptions = options;

  // A fresh server compiles its hot paths during the first requests of each route; prime every
  // scenario once so that the first ones measured are not the only ones paying for it.
  if (options.primeSeconds > 0) {
    say(`${scale}: priming every route for ${options.primeSeconds} s`);
    for (const scenario of list) {
      await measure([server], scenario.plan, {
        ...load,
        warmupSeconds: 0,
        durationSeconds: options.primeSeconds,
      });
    }
  }

  // Scenarios alternate within each round, so a slow spell of the machine hits all of them.
  const passes = new Map<ScenarioName, Measurement[]>();
  for (let round = 1; round <= options.rounds; round++) {
    for (const scenario of list) {
      const pass = options.rounds > 1 ? ` (round ${round} of ${options.rounds})` : '';
      say(`${scale}: ${scenario.label}${pass}`);
      const measured = await measure([server], scenario.plan, load);
      passes.set(scenario.name, [...(passes.get(scenario.name) ?? []), measured]);
    }
  }

  const health = passes.get('health') ?? [];
  return list.map((scenario) => {
    const measured = passes.get(scenario.name) ?? [];
    const ratios = measured.map((pass, i) => pass.rps / (health[i]?.rps ?? Number.NaN));
    return {
      ...medianBy(measured, (pass) => pass.rps),
      scale,
      scenario: scenario.name,
      label: scenario.label,
      vsHealth: median(ratios),
      vsSmall: null,
      passes: measured.map(({ rps, p99, cpuMsPerRequest }, i) => ({
        rps,
        p99,
        cpuMsPerRequest,
        vsHealth: ratios[i] ?? Number.NaN,
      })),
    };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

/** The middle item by `value` (the lower middle for an even count). */
function medianBy<T>(items: T[], value: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => value(a) - value(b));
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error('no measurement');
  return middle;
}

async function runScaleOut(
  options: BenchOptions,
  databaseUrl: string,
  first: RunningServer,
  listScenario: Scenario,
): Promise<ScaleOut> {
  const load: LoadOptions = options;
  const others: RunningServer[] = [];
  try {
    for (let i = 1; i < options.instances; i++) others.push(await start(options, databaseUrl, i));
    const targets: LoadTarget[] = [first, ...others];

    say(`scale-out: ${listScenario.label} on 1 instance`);
    const single = await measure([first], listScenario.plan, load);
    say(`scale-out: ${listScenario.label} on ${targets.length} instances`);
    const multiple = await measure(targets, listScenario.plan, load);
    return { instances: targets.length, single, multiple, speedup: multiple.rps / single.rps };
  } finally {
    await Promise.all(others.map((server) => server.stop()));
  }
}

async function main(options: BenchOptions): Promise<boolean> {
  const startedAt = new Date();
  mkdirSync(resultsDir, { recursive: true });

  say('checking the production build');
  const build = ensureBuild(root, options.rebuild);
  say(`build ${build}`);

  const databaseName = `sb_bench_${process.pid}`;
  const databaseUrl = await createDatabase(options.adminUrl, databaseName);
  const cleanUp = () =>
    void dropDatabase(options.adminUrl, databaseName).finally(() => process.exit(130));
  process.once('SIGINT', cleanUp);

  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    machine: machine(await postgresVersion(databaseUrl)),
    settings: { ...options, adminUrl: undefined },
    build,
    seedMs: {},
    plans: {},
    results: [],
    scaleOut: null,
    peakRssMb: 0,
  };

  try {
    let organisations = 0;
    for (const scale of options.scales) {
      say(`seeding the ${scale} scale`);
      report.seedMs[scale] = Math.round(
        await seedTo(databaseUrl, organisations, ORGANISATIONS[scale]),
      );
      organisations = ORGANISATIONS[scale];
      report.plans[scale] = await explainHotQueries(databaseUrl);

      const list = scenarios({
        validKeys: VALID_KEYS,
        revokedKey: benchKey(REVOKED_KEY),
        customerIds: await customerIds(databaseUrl, benchOrgId(LOAD_ORG), 100),
        pageCursors: await pageCursors(databaseUrl, benchOrgId(LOAD_ORG), 1_000),
      }).filter(
        (s) => s.name === 'health' || !options.only.length || options.only.includes(s.name),
      );
      const server = await start(options, databaseUrl, 0);
      try {
        report.results.push(...(await runScale(options, server, list, scale)));
        const listScenario = list.find((scenario) => scenario.name === 'list');
        if (scale === 'small' && options.instances > 1 && listScenario) {
          report.scaleOut = await runScaleOut(options, databaseUrl, server, listScenario);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    process.off('SIGINT', cleanUp);
    await dropDatabase(options.adminUrl, databaseName);
  }

  for (const result of report.results.filter((r) => r.scale === 'large')) {
    const small = report.results.find((r) => r.scale === 'small' && r.scenario === result.scenario);
    result.vsSmall = small ? result.rps / small.rps : null;
  }
  report.peakRssMb = Math.max(
    0,
    ...report.results.map((r) => r.peakRssMb),
    report.scaleOut?.multiple.peakRssMb ?? 0,
  );

  const checks = checkTargets(report);
  const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const lines = [
    '',
    formatTable(report.results),
    '',
    ...(report.scaleOut ? [formatScaleOut(report.scaleOut), ''] : []),
    ...checks.map((check) => `${check.met ? 'met ' : 'MISS'}  ${check.target} (${check.detail})`),
    ...(options.smoke ? ['', SMOKE_CAVEAT] : []),
    '',
    `results: ${path.relative(root, writeJson(root, report))}; took ${seconds} s`,
    '',
  ];
  process.stdout.write(lines.join('\n'));

  // Correctness always fails the run; speed ratios are reported, not enforced.
  return checks
    .filter((check) => check.target.startsWith('every response') || check.target.includes('memory'))
    .every((check) => check.met);
}

const parsed = parseOptions(process.argv.slice(2));
if (parsed === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else {
  main(parsed)
    .then((ok) => process.exit(ok ? 0 : 1))
    .catch((error: unknown) => {
      say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    });
}
