import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it, vi } from 'vitest';

import { getDb } from '@/db/client';
import { verifyCredentials } from '@/lib/auth/sign-in/verify-credentials';
import { redisReady } from '@/lib/rate-limit/redis';
import { FIXTURE_PASSWORD, makeUser } from '@/tests/helpers/fixtures';

vi.hoisted(() => {
  process.env.SIGN_IN_MAX_FAILURES = '10';
  process.env.SIGN_IN_LOCK_SECONDS = '3';
});

beforeAll(async () => {
  await redisReady();
});

let n = 0;
const address = () => `198.51.100.${(n += 1)}`;

async function attempt(email: string, password: string, from: string) {
  return verifyCredentials(await getDb(), { email, password, address: from });
}

async function failTimes(times: number, email: string, from: string) {
  for (let i = 0; i < times; i += 1)
    expect(await attempt(email, 'wrong password!', from)).toBeNull();
}

describe('sign-in brute-force limit', () => {
  it('after 10 failures in a row the right password is refused too, until the lock expires', async () => {
    const user = await makeUser();
    const from = address();
    await failTimes(10, user.email, from);

    expect(await attempt(user.email, FIXTURE_PASSWORD, from)).toBeNull();
    // The account is locked from any address, not only the one that failed.
    expect(await attempt(user.email, FIXTURE_PASSWORD, address())).toBeNull();

    await vi.waitFor(
      async () => expect((await attempt(user.email, FIXTURE_PASSWORD, from))?.id).toBe(user.id),
      { timeout: 8_000, interval: 500 },
    );
  });

  it("nine failures do not lock, and a success starts the account's count again", async () => {
    const user = await makeUser();
    await failTimes(9, user.email, address());
    expect((await attempt(user.email, FIXTURE_PASSWORD, address()))?.id).toBe(user.id);

    await failTimes(9, user.email, address());
    expect((await attempt(user.email, FIXTURE_PASSWORD, address()))?.id).toBe(user.id);
  });

  it('signing into its own account does not reset an address that sprays others', async () => {
    const own = await makeUser();
    const from = address();
    for (let i = 0; i < 9; i += 1)
      await attempt(`${randomUUID()}@example.test`, 'guess123456!', from);
    expect((await attempt(own.email, FIXTURE_PASSWORD, from))?.id).toBe(own.id);

    await attempt(`${randomUUID()}@example.test`, 'guess123456!', from);
    expect(await attempt(own.email, FIXTURE_PASSWORD, from)).toBeNull();
  });

  it('an address that failed 10 times on many accounts is locked for every account', async () => {
    const from = address();
    for (let i = 0; i < 10; i += 1)
      await attempt(`${randomUUID()}@example.test`, 'guess123456!', from);

    const user = await makeUser();
    expect(await attempt(user.email, FIXTURE_PASSWORD, from)).toBeNull();
    expect((await attempt(user.email, FIXTURE_PASSWORD, address()))?.id).toBe(user.id);
  });
});
