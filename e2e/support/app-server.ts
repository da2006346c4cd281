import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** A `next start` of the production build: the suite's own, or one a spec runs for itself. */
export interface AppServer {
  baseUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

async function waitUntilReady(server: AppServer, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) throw new Error(`next start exited:\n${log()}`);
    try {
      if ((await fetch(`${server.baseUrl}/api/ready`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${server.baseUrl} was not ready within ${timeoutMs} ms:\n${log()}`);
}

/**
 * Spawns `next start` on `port` with the suite's environment plus `env`, without waiting for it.
 * Secrets and the rate-limit prefix are fresh unless `env` passes them (instances that must
 * share cookies or limits pass the same ones). `log()` is the tail of what it printed; with
 * `showOutput` it is also passed through, as the suite's own server does for CI's log.
 */
export function spawnNextStart(
  port: number,
  env: Record<string, string>,
  { showOutput = false }: { showOutput?: boolean } = {},
) {
  const child = spawn('node', ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
      TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      // Limits live in Redis when REDIS_URL is set, and Redis outlives the run: a server of this
      // run must not inherit the failed sign-ins that earlier runs counted for 127.0.0.1.
      RATE_LIMIT_PREFIX: `e2e-${randomBytes(6).toString('hex')}`,
      ...env,
    },
    // Its own process group, so stopping it also stops anything next start spawned.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let log = '';
  const keep = (into: NodeJS.WriteStream) => (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
    if (showOutput) into.write(chunk);
  };
  child.stdout?.on('data', keep(process.stdout));
  child.stderr?.on('data', keep(process.stderr));

  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  };
  return { child, log: () => log, stop };
}

/** Starts `next start` (see spawnNextStart) and waits until it answers /api/ready. */
export async function startAppServer(
  port: number,
  env: Record<string, string>,
  options: { showOutput?: boolean; readyWithinMs?: number } = {},
) {
  const { child, log, stop } = spawnNextStart(port, env, options);
  const server: AppServer = { baseUrl: `http://localhost:${port}`, process: child, stop };

  try {
    await waitUntilReady(server, log, options.readyWithinMs ?? 45_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
