import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { redisReady } from './redis';
import {
  recordSignInFailure,
  recordSignInSuccess,
  resetSignInThrottleForTests,
  signInLockedFor,
} from './sign-in-throttle';

vi.hoisted(() => {
  process.env.SIGN_IN_MAX_FAILURES = '10';
  process.env.SIGN_IN_LOCK_SECONDS = '2';
});

let n = 0;
const attempt = () => ({ email: `someone-${(n += 1)}@example.test`, address: `192.0.2.${n}` });

beforeAll(async () => {
  await redisReady();
});

beforeEach(() => resetSignInThrottleForTests());

async function fail(times: number, who: { email: string; address: string }) {
  for (let i = 0; i < times; i += 1) await recordSignInFailure(who);
}

describe('sign-in throttle', () => {
  it('allows nine failures and locks on the tenth in a row', async () => {
    const who = attempt();
    await fail(9, who);
    expect(await signInLockedFor(who)).toBe(0);

    await fail(1, who);
    expect(await signInLockedFor(who)).toBeGreaterThan(0);
  });

  it('locks the account whatever address the attempts come from', async () => {
    const who = attempt();
    for (let i = 0; i < 10; i += 1) {
      await recordSignInFailure({ email: who.email, address: `198.51.100.${i}` });
    }
    expect(
      await signInLockedFor({ email: who.email.toUpperCase(), address: '203.0.113.1' }),
    ).toBeGreaterThan(0);
  });

  it('locks the address whatever accounts it tries', async () => {
    const who = attempt();
    for (let i = 0; i < 10; i += 1) {
      await recordSignInFailure({ email: `victim-${i}@example.test`, address: who.address });
    }
    expect(
      await signInLockedFor({ email: 'fresh@example.test', address: who.address }),
    ).toBeGreaterThan(0);
  });

  it("a success resets the account's count", async () => {
    const who = attempt();
    await fail(9, who);
    await recordSignInSuccess(who);

    const elsewhere = { email: who.email, address: '203.0.113.200' };
    await fail(9, elsewhere);
    expect(await signInLockedFor(elsewhere)).toBe(0);
  });

  it("a success does not reset the address's count", async () => {
    const who = attempt();
    await fail(9, { email: 'sprayed@example.test', address: who.address });
    await recordSignInSuccess(who);
    await fail(1, { email: 'sprayed-again@example.test', address: who.address });

    expect(await signInLockedFor(who)).toBeGreaterThan(0);
  });

  it('the lock expires by itself', async () => {
    const who = attempt();
    await fail(10, who);
    expect(await signInLockedFor(who)).toBeGreaterThan(0);

    await vi.waitFor(async () => expect(await signInLockedFor(who)).toBe(0), {
      timeout: 5_000,
      interval: 200,
    });
  });
});
