import { env, EnvError } from '@/lib/config/env';
import { getKeyLookup } from '@/lib/api-keys/key-lookup';
import { bootstrapDatabase } from '@/lib/demo/bootstrap';
import { redisReady } from '@/lib/rate-limit/redis';

import { startBackgroundTasks } from './background';

export async function startServer(): Promise<void> {
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

  await bootstrapDatabase();
  await redisReady();
  // Joins the key cache now, so that the first API requests already find it trusted.
  await getKeyLookup();
  startBackgroundTasks();
}
