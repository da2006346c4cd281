import { NextRequest, NextResponse } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { sessionCookieName } from './cookies';
import { slideSession } from './slide-session';
import { issueSessionToken, newSessionClaims, readSessionClaims } from './session-token';

const T0 = new Date('2030-06-01T08:00:00Z').getTime();
const user = { id: '8d0f2a4e-3b7c-4a51-9f6e-2c1d0b9a8e77', sessionVersion: 3 };

async function slid(token: string, method = 'GET') {
  const request = new NextRequest('http://portal.test/account', {
    method,
    headers: { cookie: `${sessionCookieName()}=${token}` },
  });
  const response = NextResponse.next();
  await slideSession(request, response);
  return response.cookies.get(sessionCookieName());
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('slideSession (proxy.ts)', () => {
  it('re-issues a live session on a page view: same id and sign-in time, fresh idle clock', async () => {
    const signedIn = newSessionClaims(user);
    const { token } = (await issueSessionToken(signedIn))!;

    vi.setSystemTime(T0 + 50 * 60_000);
    const cookie = await slid(token);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('lax');

    vi.setSystemTime(T0 + 100 * 60_000);
    expect(await readSessionClaims(token)).toBeNull();
    expect(await readSessionClaims(cookie!.value)).toMatchObject({
      sid: signedIn.sid,
      at: signedIn.at,
      sv: 3,
    });
  });

  it('leaves alone a fresh copy, a POST, an idle session and a missing cookie', async () => {
    const { token } = (await issueSessionToken(newSessionClaims(user)))!;
    expect(await slid(token)).toBeUndefined();

    vi.setSystemTime(T0 + 5 * 60_000);
    expect(await slid(token, 'POST')).toBeUndefined();

    vi.setSystemTime(T0 + 61 * 60_000);
    expect(await slid(token)).toBeUndefined();
    expect(await slid('not-a-token')).toBeUndefined();
  });
});
