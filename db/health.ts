import { sql } from 'drizzle-orm';

import { withTimeout } from '@/lib/async/with-timeout';
import { logger } from '@/lib/logger';

import { getDb } from './client';

export async function checkDatabase(timeoutMs = 2_000): Promise<boolean> {
  const probe = async () => {
    const db = await getDb();
    await db.execute(sql`select 1`);
  };

  try {
    await withTimeout(probe(), timeoutMs, () => new Error('database readiness check timed out'));
    return true;
  } catch (error) {
    logger.warn({ event: 'db.unready', err: error }, 'database is not ready');
    return false;
  }
}
