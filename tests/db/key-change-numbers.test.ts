import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeApiKey, makeOrganisation } from '../helpers/fixtures';

const url = process.env.DATABASE_URL;

// Key caches rely on two facts about the api_keys triggers (migration 0004): every change gets
// the next number, and a change that commits later never has a smaller number. Two connections
// are needed to race two changes, so this runs on a real server only.
describe.runIf(url)('numbering of key changes', () => {
  let sql: postgres.Sql;
  let listener: postgres.Sql;
  const notices: string[] = [];

  beforeAll(async () => {
    sql = postgres(url as string, { max: 3, onnotice: () => undefined });
    listener = postgres(url as string, { max: 1, onnotice: () => undefined });
    await listener.listen('api_key_changed', (payload) => notices.push(payload));
  });

  afterAll(async () => {
    await Promise.all([sql.end(), listener.end()]);
  });

  it('numbers concurrent revocations in commit order, and says so in their notices', async () => {
    const orgId = (await makeOrganisation()).id;
    const [first, second] = await Promise.all([makeApiKey(orgId), makeApiKey(orgId)]);

    let releaseFirst = () => undefined as void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const firstDone = sql.begin(async (tx) => {
      await tx`update api_keys set revoked_at = now() where id = ${first.id}`;
      await firstHeld;
      const [row] = await tx<{ seq: string }[]>`select seq from key_change_counter`;
      return Number(row?.seq);
    });

    // The second change waits for the first one's counter lock, then takes the next number.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const secondDone = sql.begin(async (tx) => {
      await tx`update api_keys set revoked_at = now() where id = ${second.id}`;
      const [row] = await tx<{ seq: string }[]>`select seq from key_change_counter`;
      return Number(row?.seq);
    });
    const committed: string[] = [];
    void firstDone.then(() => committed.push('first'));
    void secondDone.then(() => committed.push('second'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(committed).toEqual([]);
    releaseFirst();

    // Other test files may revoke keys meanwhile, so the numbers need not be adjacent.
    const [firstSeq, secondSeq] = await Promise.all([firstDone, secondDone]);
    expect(committed).toEqual(['first', 'second']);
    expect(secondSeq).toBeGreaterThan(firstSeq);

    await expect.poll(() => notices.length >= 2).toBe(true);
    expect(notices).toEqual(
      expect.arrayContaining([`${firstSeq}:${first.id}`, `${secondSeq}:${second.id}`]),
    );
  });

  it('does not number updates that cannot change a cached key', async () => {
    const orgId = (await makeOrganisation()).id;
    const key = await makeApiKey(orgId);
    // One snapshot, so changes committed by other test files meanwhile do not show; a change
    // numbered by this update would (or would fail to serialise with one of theirs).
    const [before, after] = await sql.begin('isolation level repeatable read', async (tx) => {
      const [first] = await tx<{ seq: string }[]>`select seq from key_change_counter`;
      await tx`update api_keys set last_used_at = now(), name = 'renamed' where id = ${key.id}`;
      const [second] = await tx<{ seq: string }[]>`select seq from key_change_counter`;
      return [first?.seq, second?.seq];
    });
    expect(before).toBeDefined();
    expect(after).toBe(before);
  });
});
