import { decode } from 'next-auth/jwt';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { getDb } from '@/db/client';
import { findUserById } from '@/db/queries/users';
import { changePassword, endOtherSessions, PasswordChangeError } from '@/lib/accounts/sessions';
import { authOptions } from '@/lib/auth/options';
import { verifyPassword } from '@/lib/auth/password';
import { sessionFromToken } from '@/lib/auth/session';
import { issueSessionToken, readSessionClaims } from '@/lib/auth/session-token';
import { env, parseEnv } from '@/lib/config/env';
import { FIXTURE_PASSWORD, makeUser } from '@/tests/helpers/fixtures';
import { sessionTokenFor } from '@/tests/helpers/portal-client';

const T0 = new Date('2030-01-01T00:00:00Z').getTime();
const client = { clientAddress: '203.0.113.9', userAgent: 'vitest' };

function at(secondsAfterSignIn: number) {
  vi.setSystemTime(T0 + secondsAfterSignIn * 1000);
}

// The embedded database starts slowly; open it before the clock is frozen.
beforeAll(async () => {
  await getDb();
});

beforeEach(() => {
  // Only the clock: timers stay real so the database keeps working.
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('idle timeout and absolute lifetime', () => {
  it('defaults to one hour idle and one day in all, and refuses longer settings', () => {
    expect(env().SESSION_IDLE_TIMEOUT_SECONDS).toBe(3600);
    expect(env().SESSION_MAX_LIFETIME_SECONDS).toBe(86_400);
    expect(() => parseEnv({ SESSION_IDLE_TIMEOUT_SECONDS: '3601' })).toThrow(
      /SESSION_IDLE_TIMEOUT_SECONDS/,
    );
    expect(() => parseEnv({ SESSION_MAX_LIFETIME_SECONDS: '86401' })).toThrow(
      /SESSION_MAX_LIFETIME_SECONDS/,
    );
  });

  it('a session unused for more than the idle timeout has ended', async () => {
    const user = await makeUser();
    const token = await sessionTokenFor(user);

    at(3590);
    expect((await sessionFromToken(token))?.user.id).toBe(user.id);
    at(3700);
    expect(await sessionFromToken(token)).toBeNull();
  });

  it('sliding restarts the idle clock but never passes the absolute lifetime', async () => {
    const user = await makeUser();
    let token = await sessionTokenFor(user);
    const signedIn = await readSessionClaims(token);

    // Active every 50 minutes for a whole day: each slid copy keeps the session alive...
    for (let elapsed = 3000; elapsed < 86_400; elapsed += 3000) {
      at(elapsed);
      const claims = await readSessionClaims(token);
      expect(claims, `alive after ${elapsed} s`).not.toBeNull();
      expect(claims?.at).toBe(signedIn?.at);
      expect(claims?.sid).toBe(signedIn?.sid);
      const slid = await issueSessionToken(claims!);
      if (!slid) break;
      token = slid.token;
    }

    // ...and the newest copy, issued minutes ago, still ends a day after sign-in.
    at(86_400 + 1);
    expect(await sessionFromToken(token)).toBeNull();
    expect(await issueSessionToken(signedIn!)).toBeNull();
  });

  it('next-auth’s own refresh keeps the sign-in time and refuses an expired session', () => {
    const jwt = authOptions().callbacks!.jwt!;
    const token = { sub: 'u', sv: 0, sid: 's', at: Math.floor(T0 / 1000) };
    at(600);
    expect(jwt({ token } as never)).toEqual(token);
    at(86_401);
    expect(() => jwt({ token } as never)).toThrow(/absolute lifetime/);
  });
});

describe('ending sessions on the server', () => {
  it('sign-out revokes that session only; a stolen copy of its cookie stops working', async () => {
    const user = await makeUser();
    const signedOut = await sessionTokenFor(user);
    const otherDevice = await sessionTokenFor(user);

    const claims = await decode({ token: signedOut, secret: env().NEXTAUTH_SECRET });
    await authOptions().events!.signOut!({ token: claims!, session: undefined as never });

    expect(await sessionFromToken(signedOut)).toBeNull();
    expect((await sessionFromToken(otherDevice))?.user.id).toBe(user.id);
  });

  it('"sign out of all other sessions" ends the others; the re-issued current one lives', async () => {
    const user = await makeUser();
    const current = await sessionTokenFor(user);
    const other = await sessionTokenFor(user);
    const claims = (await readSessionClaims(current))!;

    const version = await endOtherSessions(await getDb(), { userId: user.id, client });
    const reissued = await issueSessionToken({ ...claims, sv: version });

    expect(await sessionFromToken(other)).toBeNull();
    expect(await sessionFromToken(current)).toBeNull();
    expect((await sessionFromToken(reissued!.token))?.claims.at).toBe(claims.at);
  });

  it('a password change checks the old password and the policy, then ends other sessions', async () => {
    const user = await makeUser();
    const other = await sessionTokenFor(user);
    const db = await getDb();
    const change = (currentPassword: string, newPassword: string) =>
      changePassword(db, { userId: user.id, currentPassword, newPassword, client });

    await expect(change('wrong password here', 'a brand new long passphrase 42')).rejects.toThrow(
      PasswordChangeError,
    );
    await expect(change(FIXTURE_PASSWORD, 'password1234')).rejects.toMatchObject({
      field: 'newPassword',
    });
    expect((await sessionFromToken(other))?.user.id).toBe(user.id);

    await change(FIXTURE_PASSWORD, 'tangerine orbit lantern 93 quietly');
    expect(await sessionFromToken(other)).toBeNull();
    const stored = await findUserById(db, user.id);
    expect(await verifyPassword(stored!.passwordHash, 'tangerine orbit lantern 93 quietly')).toBe(
      true,
    );
  });
});
