import { describeError } from '@/lib/logging/safe-error';

// stdout carries exactly one JSON object; logs must go elsewhere before the logger loads (it is
// imported dynamically below; safe-error imports nothing).
process.env.LOG_STREAM ??= 'stderr';

// The operators' bootstrap tool. Against the embedded database, stop the dev server first:
// PGlite serves one process at a time.
async function main() {
  const { closeDb, getDb } = await import('@/db/client');
  const { runCli } = await import('@/lib/cli/run');

  const code = await runCli(process.argv.slice(2), getDb, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  await closeDb();
  process.exitCode = code;
}

main().catch((error: unknown) => {
  // A failed query's message lists its bound values (a password hash, for one): print it bare.
  process.stderr.write(`Error: ${describeError(error)}\n`);
  process.exit(1);
});
