import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { findUserById } from '@/db/queries/users';
import { signInChallenges, users } from '@/db/schema';
import {
  completeSignInChallenge,
  createSignInChallenge,
  hashChallengeToken,
} from '@/lib/auth/sign-in/challenge';
import { makeUser } from '@/tests/helpers/fixtures';

async function freshUser() {
  const created = await makeUser();
  const user = await findUserById(await getDb(), created.id);
  if (!user) throw new Error('fixture user missing');
  return user;
}

describe('sign-in challenges', () => {
  it('stores only the SHA-256 of a 32-byte token, with a five-minute expiry', async () => {
    const db = await getDb();
    const user = await freshUser();
    const { token, needsSecondFactor } = await createSignInChallenge(db, user);

    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(needsSecondFactor).toBe(false);
    const [row] = await db
      .select()
      .from(signInChallenges)
      .where(eq(signInChallenges.userId, user.id));
    expect(row?.tokenHash).toBe(hashChallengeToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const ttl = (row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0);
    expect(ttl).toBeGreaterThan(4 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000 + 1_000);
  });

  it('completes once for an account without 2FA, then the token is spent', async () => {
    const db = await getDb();
    const user = await freshUser();
    const { token } = await createSignInChallenge(db, user);

    expect((await completeSignInChallenge(db, token, {}))?.id).toBe(user.id);
    expect(await completeSignInChallenge(db, token, {})).toBeNull();
  });

  it('refuses an unknown token and an expired challenge', async () => {
    const db = await getDb();
    const user = await freshUser();
    const { token } = await createSignInChallenge(db, user);
    await db
      .update(signInChallenges)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(signInChallenges.userId, user.id));

    expect(await completeSignInChallenge(db, token, {})).toBeNull();
    expect(await completeSignInChallenge(db, 'not-a-token', {})).toBeNull();
  });

  it('gives no session from a password alone when 2FA is enabled', async () => {
    const db = await getDb();
    const user = await freshUser();
    await db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, user.id));
    const withTotp = await findUserById(db, user.id);
    if (!withTotp) throw new Error('user vanished');

    const { token, needsSecondFactor } = await createSignInChallenge(db, withTotp);
    expect(needsSecondFactor).toBe(true);
    expect(await completeSignInChallenge(db, token, { code: '123456' })).toBeNull();
  });

  it('refuses a password-only challenge once 2FA was switched on after it', async () => {
    const db = await getDb();
    const user = await freshUser();
    const { token, needsSecondFactor } = await createSignInChallenge(db, user);
    expect(needsSecondFactor).toBe(false);

    await db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, user.id));

    expect(await completeSignInChallenge(db, token, {})).toBeNull();
  });
});
