// Runs once when the server starts (next dev and next start).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;

  const { env, EnvError } = await import('@/lib/config/env');
  try {
    env();
  } catch (error) {
    // A production server with a missing or empty secret must not start half-configured.
    if (error instanceof EnvError) {
      process.stderr.write(`\n${error.message}\nSee .env.example for every variable.\n\n`);
      process.exit(1);
    }
    throw error;
  }

  const { bootstrapDatabase } = await import('@/lib/demo/bootstrap');
  const { startBackgroundTasks } = await import('@/lib/server/background');
  await bootstrapDatabase();
  startBackgroundTasks();
}
