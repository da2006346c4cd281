import { getDb } from '@/db/client';
import { recordLastUsed } from '@/db/queries/api-keys';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/logger';

// Last-used times are kept in memory and written in one batched statement every few seconds,
// so a busy key costs no database write per request. A crash loses at most one interval of
// "last used" precision, never a key or a revocation.
class LastUsedRecorder {
  private pending = new Map<string, Date>();
  private timer: NodeJS.Timeout | undefined;

  touch(keyId: string, at = new Date()): void {
    this.pending.set(keyId, at);
    this.timer ??= setTimeout(() => void this.flush(), env().LAST_USED_FLUSH_MS).unref();
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;

    const batch = this.pending;
    this.pending = new Map();
    try {
      await recordLastUsed(await getDb(), batch);
    } catch (error) {
      // Keep the newest time per key for the next attempt rather than dropping usage.
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      logger.warn({ event: 'api_key.last_used_flush_failed', err: error }, 'flush failed');
    }
  }
}

const globalForRecorder = globalThis as unknown as { servicebayLastUsed?: LastUsedRecorder };

export const lastUsed: LastUsedRecorder = (globalForRecorder.servicebayLastUsed ??=
  new LastUsedRecorder());
