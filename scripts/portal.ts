import { closeDb, getDb } from '@/db/client';
import { runCli } from '@/lib/cli/run';

// The operators' bootstrap tool. Against the embedded database, stop the dev server first:
// PGlite serves one process at a time.
async function main() {
  const code = await runCli(process.argv.slice(2), getDb, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  await closeDb();
  process.exitCode = code;
}

main().catch(async (error: unknown) => {
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  await closeDb().catch(() => undefined);
  process.exitCode = 1;
});
