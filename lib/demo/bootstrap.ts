import { getConnection } from '@/db/client';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/logger';

import { demoSignInsBanner, seedDemoData } from './seed';

/**
 * Demo data by default only where a newcomer tries the portal: the embedded database outside
 * production. The demo sign-ins' password is in this repository, so a production server (and
 * any real PostgreSQL server) never gets them unless SEED_DEMO_DATA=true asks for it.
 */
export function wantsDemoData(kind: 'postgres' | 'pglite', nodeEnv = process.env.NODE_ENV) {
  const byDefault = kind === 'pglite' && nodeEnv !== 'production';
  return (env().SEED_DEMO_DATA ?? (byDefault ? 'true' : 'false')) === 'true';
}

/**
 * On server start: the embedded database is opened (and so migrated) before the first request,
 * and an empty one gets the demo data when wantsDemoData says so.
 */
export async function bootstrapDatabase(): Promise<void> {
  const connection = await getConnection();
  if (!wantsDemoData(connection.kind)) return;

  const seeded = await seedDemoData(connection.db);
  if (seeded) logger.info({ event: 'demo.seeded' }, 'demo data created');
  // Printed on every start, not only the first, so the sign-ins are always at hand.
  process.stdout.write(`${demoSignInsBanner()}\n`);
}
