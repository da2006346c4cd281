import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Runs `next build` in this folder; resolves when it succeeded. */
export function buildApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['next', 'build'], { stdio: 'inherit', env: process.env });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build: ${code}`))));
  });
}

/** Starts `next start` as production, in its own process group so that it stops as a whole. */
export function startApp(port: number, env: Record<string, string>): ChildProcess {
  return spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
      TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
      ...env,
    },
  });
}

export function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
    setTimeout(() => {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }, 10_000).unref();
  });
}

/** Polls /api/ready until the server answers 200, for at most `timeoutMs`. */
export async function waitUntilReady(baseUrl: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/api/ready`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${baseUrl} did not become ready within ${timeoutMs} ms`);
}
