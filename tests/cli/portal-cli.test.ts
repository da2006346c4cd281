import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { findMembership } from '@/db/queries/organisations';
import { findUserByEmail } from '@/db/queries/users';
import { verifyPassword } from '@/lib/auth/password';
import { runCli } from '@/lib/cli/run';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, getDb, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr, json: stdout ? JSON.parse(stdout) : null };
}

const password = 'a sufficiently long passphrase';

describe('portal CLI', () => {
  it('bootstraps an organisation, a user and a membership', async () => {
    const org = await run('create-org', '--name', 'Initech');
    expect(org.code).toBe(0);
    expect(org.json).toEqual({ id: expect.any(String), name: 'Initech' });
    expect(org.stdout.trim().split('\n')).toHaveLength(1);
    expect(org.stderr).toContain('Created organisation "Initech".');

    const email = `Peter.${randomUUID()}@Initech.test`;
    const user = await run(
      'create-user',
      '--email',
      email,
      '--password',
      password,
      '--name',
      'Peter',
    );
    expect(user.code).toBe(0);
    expect(user.json).toMatchObject({ id: expect.any(String), email: email.toLowerCase() });

    const stored = await findUserByEmail(await getDb(), email);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored?.passwordHash ?? null, password)).toBe(true);

    const member = await run(
      'add-member',
      '--org',
      org.json.id,
      '--email',
      email,
      '--role',
      'admin',
    );
    expect(member.code).toBe(0);
    expect(member.json).toMatchObject({ organisation_id: org.json.id, user_id: user.json.id });
    expect((await findMembership(await getDb(), org.json.id, user.json.id))?.role).toBe('admin');
  });

  it.each([
    [['create-org'], '--name is required.'],
    [['create-user', '--email', 'x@example.test', '--password', 'short'], 'at least 12'],
    [['create-user', '--email', 'not-an-email', '--password', password], 'Not an email address'],
    [
      ['add-member', '--org', randomUUID(), '--email', 'x@y.test', '--role', 'admin'],
      'No organisation',
    ],
    [['add-member', '--org', 'nope', '--email', 'x@y.test', '--role', 'owner'], 'admin or member'],
    [['create-org', '--name', 'x', '--colour', 'red'], "Unknown option '--colour'"],
  ])('fails clearly for %j', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('refuses a duplicate email whatever its case', async () => {
    const email = `dup-${randomUUID()}@example.test`;
    expect((await run('create-user', '--email', email, '--password', password)).code).toBe(0);

    const again = await run('create-user', '--email', email.toUpperCase(), '--password', password);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('refuses an unknown user for add-member', async () => {
    const org = await run('create-org', '--name', 'Hooli');
    const result = await run(
      'add-member',
      '--org',
      org.json.id,
      '--email',
      'ghost@x.test',
      '--role',
      'member',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No user with email ghost@x.test');
  });

  it('prints usage for an unknown command', async () => {
    const result = await run('launch-rockets');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command: launch-rockets');
    expect(result.stderr).toContain('create-org  --name NAME');
  });
});

describe('portal CLI as a process', () => {
  it('prints exactly one JSON object on stdout and the message on stderr', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const dataDir = `memory://cli-${randomUUID()}`;
    const env = { ...process.env, PGLITE_DATA_DIR: dataDir, LOG_LEVEL: 'info' };

    const { stdout, stderr } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/portal.ts', 'create-org', '--name', 'Process Org'],
      { env },
    );

    expect(JSON.parse(stdout)).toEqual({ id: expect.any(String), name: 'Process Org' });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('Created organisation "Process Org".');
  });
});
