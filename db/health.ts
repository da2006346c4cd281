import { sql } from 'drizzle-orm';

import { logger } from '@/lib/logger';

import { getDb } from './client';

export async function checkDatabase(timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database readiness check timed out')), timeoutMs);
  });

  try {
    const db = await Promise.race([getDb(), timeout]);
    await Promise.race([db.execute(sql`select 1`), timeout]);
    return true;
  } catch (error) {
    logger.warn({ event: 'db.unready', err: error }, 'database is not ready');
    return false;
  } finally {
    clearTimeout(timer);
  }
}
