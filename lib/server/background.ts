import { closeDb } from '@/db/client';
import { closeKeyLookup } from '@/lib/api-keys/key-lookup';
import { lastUsed } from '@/lib/api-keys/last-used';
import { logger } from '@/lib/logger';

/**
 * Flushes last-used times and logs, leaves the key cache and closes the database when the server
 * is stopped.
 */
export function startBackgroundTasks(): void {
  const shutdown = () => {
    void lastUsed
      .flush()
      .then(() => closeKeyLookup())
      .then(() => closeDb())
      .finally(() => logger.flush(() => process.exit(0)));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
