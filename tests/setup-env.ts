import { afterAll } from 'vitest';

// Each test worker gets its own in-memory embedded database unless DATABASE_URL points at a
// real server (then the global setup has migrated it).
process.env.PGLITE_DATA_DIR ??= 'memory://';
// Long enough that tests decide when buffered last-used times are written (lastUsed.flush()).
process.env.LAST_USED_FLUSH_MS ??= '600000';
// Test files run in parallel and may share one Redis: each file counts its limits apart.
process.env.RATE_LIMIT_PREFIX ??= `test-${process.pid}-${Math.random().toString(36).slice(2)}`;

// A test file that used the API guard joined the key cache with a lease; leave when it is done,
// so that revocations in files still running do not wait for this one's lease to run out.
afterAll(async () => {
  const { closeKeyLookup } = await import('@/lib/api-keys/key-lookup');
  await closeKeyLookup();
});
