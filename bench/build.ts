import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// Everything that changes the production build. A build newer than all of it is reused, so
// repeated bench runs do not pay for (or compete with other work for) a full `next build`.
const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'instrumentation.ts',
  'proxy.ts',
  'next.config.ts',
  'package-lock.json',
  'tsconfig.json',
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;

  return readdirSync(target).reduce(
    (newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))),
    stat.mtimeMs,
  );
}

export function buildIsFresh(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;

  const sources = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  return statSync(buildId).mtimeMs > sources;
}

/** Runs `next build` unless a fresh build exists (or `force`); returns what it did. */
export function ensureBuild(root: string, force: boolean): 'reused' | 'built' {
  if (!force && buildIsFresh(root)) return 'reused';

  const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const result = spawnSync(process.execPath, [next, 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed with status ${result.status}`);
  return 'built';
}
