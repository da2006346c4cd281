import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerOptions {
  root: string;
  port: number;
  databaseUrl: string;
  env: Record<string, string>;
  logFile: string;
  cpuProfileDir?: string;
}

export interface RunningServer {
  pid: number;
  port: number;
  origin: string;
  stop: () => Promise<void>;
}

// The old-space cap of `npm start` (package.json). Without it V8 lets the heap grow towards its
// default limit before collecting in earnest, so resident memory followed the request rate
// (450 MB at 1,500 req/s) instead of what the server keeps (about 200 MB with the cap).
const PRODUCTION_HEAP_FLAG = '--max-old-space-size=256';

// Production settings with throwaway secrets; a limiter must not shape the measured traffic.
function serverEnv(options: ServerOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(options.port),
    NEXTAUTH_URL: `http://127.0.0.1:${options.port}`,
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
    TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    SEED_DEMO_DATA: 'false',
    API_RATE_LIMIT_PER_MINUTE: '100000000',
    // The revoked and unknown key scenarios come from one address on purpose.
    API_KEY_FAILURES_PER_MINUTE: '100000000',
    ...options.env,
  };
}

async function waitUntilReady(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${origin}/api/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`${origin} did not become ready within 60 s`);
}

/** Starts `next start` directly under node, so the child's pid is the server's pid. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const next = path.join(options.root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const profileFlags = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
    : [];
  const nodeFlags = [PRODUCTION_HEAP_FLAG, ...profileFlags];

  // Request logs stay on (production behaviour) and go straight to a file: no pipe through
  // this process, whose CPU would otherwise compete with the server's.
  const log = openSync(options.logFile, 'w');
  const child = spawn(process.execPath, [...nodeFlags, next, 'start', '-p', String(options.port)], {
    cwd: options.root,
    env: serverEnv(options),
    stdio: ['ignore', log, log],
  });
  closeSync(log);

  const origin = `http://127.0.0.1:${options.port}`;
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // A server that dies under load invalidates the run; say so where it happened.
      if (!stopping)
        process.stderr.write(`[bench] server :${options.port} exited (${code ?? signal})\n`);
      resolve();
    }),
  );
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };

  try {
    await waitUntilReady(origin, child);
  } catch (error) {
    await stop();
    throw error;
  }
  if (child.pid === undefined) throw new Error('next start has no pid');
  return { pid: child.pid, port: options.port, origin, stop };
}
