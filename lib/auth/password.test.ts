import * as argon2 from '@node-rs/argon2';
import { describe, expect, it, vi } from 'vitest';

import { hashPassword, verifyPassword } from './password';

vi.mock('@node-rs/argon2', async (original) => {
  const actual = await original<typeof import('@node-rs/argon2')>();
  return { ...actual, verify: vi.fn(actual.verify) };
});

// Whether an email exists must not show in the time a sign-in takes: a miss does the same
// argon2id work as a wrong password. Checked by the work done, not by a clock.
describe('verifyPassword', () => {
  it('stores argon2id with the OWASP parameters', async () => {
    expect(await hashPassword('a long enough password')).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/,
    );
  });

  it('runs a full argon2id verification for an unknown account, and says no', async () => {
    const verify = vi.mocked(argon2.verify);
    verify.mockClear();

    expect(await verifyPassword(null, 'whatever password')).toBe(false);

    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]?.[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('does the same one verification for a wrong password of a real account', async () => {
    const stored = await hashPassword('the right password here');
    const verify = vi.mocked(argon2.verify);
    verify.mockClear();

    expect(await verifyPassword(stored, 'a wrong password here')).toBe(false);
    expect(await verifyPassword(stored, 'the right password here')).toBe(true);
    expect(verify).toHaveBeenCalledTimes(2);
  });
});
