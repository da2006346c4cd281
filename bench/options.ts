import { parseArgs } from 'node:util';

export interface BenchOptions {
  adminUrl: string;
  scales: Array<'small' | 'large'>;
  durationSeconds: number;
  warmupSeconds: number;
  primeSeconds: number;
  connections: number;
  instances: number;
  rebuild: boolean;
  profile: boolean;
  smoke: boolean;
  /** Scenarios to run besides /api/health (which every ratio needs); empty for all. */
  only: string[];
  /** Passes over the scenarios; each scenario reports its median pass by requests per second. */
  rounds: number;
  basePort: number;
  serverEnv: Record<string, string>;
}

const USAGE = `npm run bench -- [options]
  --smoke            small scale only, 1 s per scenario and no warm-up (for CI)
  --duration <s>     measured seconds per scenario (default 15)
  --warmup <s>       warm-up seconds per scenario (default 3), after a 2 s pass over every
                     scenario on each new server
  --scale <s>        small, large or both (default both)
  --instances <n>    also load n servers side by side for the scale-out figure
                     (default 2; 1 skips it; the smoke skips it unless given)
  --rebuild          run next build even if .next is newer than the sources
  --only <names>     only these scenarios (and health), comma-separated: list, pages, get,
                     create, revoked, unknown, unknowns
  --rounds <n>       passes over the scenarios, alternating them; each reports its median
                     pass (default 1; 3 or more steadies the ratios on a shared machine)
  --profile          start servers with node --cpu-prof (profiles in bench/results)
  --env K=V          extra server environment, repeatable (e.g. DATABASE_POOL_SIZE=4)
  --port <n>         first TCP port for servers (default 3300)
DATABASE_URL is the admin connection (default postgres://postgres@127.0.0.1:5432/postgres);
the bench creates, seeds and drops its own database on that server.`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new Error(`--${name} must be a number`);
  return number;
}

function envPairs(values: string[] | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at < 1) throw new Error(`--env expects KEY=VALUE, got ${value}`);
    pairs[value.slice(0, at)] = value.slice(at + 1);
  }
  return pairs;
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      scale: { type: 'string', default: 'both' },
      instances: { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      only: { type: 'string' },
      rounds: { type: 'string' },
      env: { type: 'string', multiple: true },
      port: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';

  const scale = values.smoke ? 'small' : values.scale;
  if (!['small', 'large', 'both'].includes(scale)) throw new Error('--scale: small, large or both');

  return {
    adminUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    scales: scale === 'both' ? ['small', 'large'] : [scale as 'small' | 'large'],
    durationSeconds: positive('duration', values.duration, values.smoke ? 1 : 15),
    warmupSeconds: positive('warmup', values.warmup, values.smoke ? 0 : 3),
    primeSeconds: values.smoke ? 0 : 2,
    connections: 32,
    instances: positive('instances', values.instances, values.smoke ? 1 : 2),
    rebuild: values.rebuild,
    profile: values.profile,
    smoke: values.smoke,
    only: (values.only ?? '').split(',').filter(Boolean),
    rounds: Math.max(1, Math.round(positive('rounds', values.rounds, 1))),
    basePort: positive('port', values.port, 3300),
    serverEnv: envPairs(values.env),
  };
}

export { USAGE };
