import { getConnection } from '@/db/client';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/logger';

import { demoSignInsBanner, seedDemoData } from './seed';

/**
 * On server start: the embedded database is opened (and so migrated) before the first request,
 * and an empty one gets the demo data. A real PostgreSQL server is never seeded unless asked.
 */
export async function bootstrapDatabase(): Promise<void> {
  const connection = await getConnection();
  const wantsDemo = env().SEED_DEMO_DATA ?? (connection.kind === 'pglite' ? 'true' : 'false');
  if (wantsDemo !== 'true') return;

  const seeded = await seedDemoData(connection.db);
  if (seeded) logger.info({ event: 'demo.seeded' }, 'demo data created');
  // Printed on every start, not only the first, so the sign-ins are always at hand.
  process.stdout.write(`${demoSignInsBanner()}\n`);
}
