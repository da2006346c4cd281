import { describe, expect, it } from 'vitest';

import { hashPassword, verifyPassword } from './password';
import { PASSWORD_MAX_LENGTH } from './password-policy';

describe('stored passwords', () => {
  it('are never truncated: a change in the last of 256 characters fails verification', async () => {
    const base = 'ünïcødé and words '.repeat(20).slice(0, PASSWORD_MAX_LENGTH - 1);
    const hash = await hashPassword(`${base}A`);

    expect(await verifyPassword(hash, `${base}A`)).toBe(true);
    expect(await verifyPassword(hash, `${base}B`)).toBe(false);
    expect(await verifyPassword(hash, base)).toBe(false);
  });

  it('are hashed with argon2id at m=19456 KiB, t=2, p=1 or stronger', async () => {
    expect(await hashPassword('whatever it is')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
