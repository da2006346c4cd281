import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { findUserByEmail } from '@/db/queries/users';
import { runCli } from '@/lib/cli/run';

async function createUser(email: string, password: string) {
  let stderr = '';
  const code = await runCli(['create-user', '--email', email, '--password', password], getDb, {
    stdout: () => undefined,
    stderr: (text) => (stderr += text),
  });
  return { code, stderr };
}

describe('create-user applies the password policy', () => {
  it.each([
    ['a common password', 'password1234'],
    ['the email as password', 'peter.gibbons.initech'],
  ])('refuses %s with the reason and creates nothing', async (_label, password) => {
    const email = `peter.gibbons.initech+${randomUUID().slice(0, 8)}@example.test`;
    const result = await createUser(email, password);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: This password is too easy to guess\. .+/);
    expect(await findUserByEmail(await getDb(), email)).toBeNull();
  });

  it('accepts a long passphrase', async () => {
    const result = await createUser(
      `${randomUUID()}@example.test`,
      'violet tractor on a quiet hill',
    );
    expect(result.code).toBe(0);
  });
});
