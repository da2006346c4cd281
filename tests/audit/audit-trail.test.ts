import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { insertAuditEvent } from '@/db/queries/audit-events';
import { auditActions } from '@/lib/audit/actions';
import { readAuditTrail } from '@/lib/audit/trail';
import { challengeCookieName } from '@/lib/auth/cookies';
import { authOptions } from '@/lib/auth/options';
import { createSignInChallenge } from '@/lib/auth/sign-in/challenge';
import { verifyCredentials } from '@/lib/auth/sign-in/verify-credentials';
import { findUserById } from '@/db/queries/users';
import { commands } from '@/lib/cli/commands';
import { makeMember, makeOrganisation, makeUser } from '@/tests/helpers/fixtures';

const client = { clientAddress: '198.51.100.7', userAgent: 'Mozilla/5.0 (audit test)' };

beforeAll(async () => {
  await getDb();
});

async function eventsOf(actorUserId: string) {
  return (await getDb()).select().from(auditEvents).where(eq(auditEvents.actorUserId, actorUserId));
}

describe('sign-in events', () => {
  it('a failed password is recorded for the account, with address and agent, no password', async () => {
    const user = await makeUser();
    const wrong = `not-the-password-${user.id}`;
    const result = await verifyCredentials(await getDb(), {
      email: user.email,
      password: wrong,
      address: 'test-address',
      client,
    });
    expect(result).toBeNull();

    const [event] = await eventsOf(user.id);
    expect(event).toMatchObject({
      action: 'sign_in.failed',
      organisationId: null,
      details: { reason: 'wrong_password' },
      ...client,
    });
    expect(JSON.stringify(event)).not.toContain(wrong);
  });

  it('a failure for an unknown email is recorded without an account or the email', async () => {
    const email = `ghost-${Date.now()}@example.test`;
    await verifyCredentials(await getDb(), {
      email,
      password: 'whatever it is',
      address: 'test-address-2',
      client: { ...client, userAgent: email.replace('@', '-at-') },
    });
    const rows = await (
      await getDb()
    )
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.userAgent, email.replace('@', '-at-')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: null, details: { reason: 'unknown_account' } });
    expect(JSON.stringify(rows[0]?.details)).not.toContain(email);
  });

  it('a completed sign-in is recorded with the address the request came from', async () => {
    const user = await makeUser();
    const db = await getDb();
    const { token } = await createSignInChallenge(db, (await findUserById(db, user.id))!);

    const provider = authOptions().providers[0] as unknown as {
      options: { authorize: (c: object, r: { headers: Record<string, string> }) => unknown };
    };
    const session = await provider.options.authorize(
      {},
      {
        headers: {
          cookie: `${challengeCookieName()}=${token}`,
          'x-forwarded-for': client.clientAddress,
          'user-agent': client.userAgent,
        },
      },
    );
    expect(session).toMatchObject({ id: user.id });

    const [event] = await eventsOf(user.id);
    expect(event).toMatchObject({ action: 'sign_in.succeeded', ...client });
  });
});

describe('role changes from the command line', () => {
  it('records a new member and each change of role, and nothing when the role stays', async () => {
    const db = await getDb();
    const org = await makeOrganisation();
    const user = await makeUser();
    const add = (role: string) =>
      commands['add-member'](db, { org: org.id, email: user.email, role });

    await add('member');
    await add('admin');
    await add('admin');

    const rows = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.organisationId, org.id))
      .orderBy(auditEvents.createdAt);
    expect(rows.map((row) => [row.action, row.details])).toEqual([
      ['member.added', { user_id: user.id, email: user.email, role: 'member' }],
      [
        'member.role_changed',
        { user_id: user.id, email: user.email, role: 'admin', previous_role: 'member' },
      ],
    ]);
  });
});

describe('readAuditTrail', () => {
  it('pages through one organisation newest first, filtered by action and actor', async () => {
    const db = await getDb();
    const org = await makeOrganisation();
    const other = await makeOrganisation();
    const alice = await makeMember(org.id, 'admin');
    const bob = await makeMember(org.id, 'admin');
    const base = { organisationId: org.id, details: {}, ...client };

    for (let index = 0; index < 60; index += 1) {
      await insertAuditEvent(db, {
        ...base,
        actorUserId: index % 2 ? alice.id : bob.id,
        action: index % 3 ? auditActions.apiKeyCreated : auditActions.apiKeyRevoked,
      });
    }
    await insertAuditEvent(db, {
      ...base,
      organisationId: other.id,
      actorUserId: alice.id,
      action: 'api_key.created',
    });

    const first = await readAuditTrail(db, { organisationId: org.id }, {});
    expect(first.entries).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const second = await readAuditTrail(
      db,
      { organisationId: org.id },
      { before: first.nextCursor! },
    );
    expect(second.entries).toHaveLength(10);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.entries, ...second.entries].map((entry) => entry.id);
    expect(new Set(ids).size).toBe(60);
    const times = [...first.entries, ...second.entries].map((entry) => entry.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const revokedByAlice = await readAuditTrail(
      db,
      { organisationId: org.id },
      { action: 'api_key.revoked', actor: alice.id },
    );
    expect(revokedByAlice.entries.length).toBe(10);
    expect(
      revokedByAlice.entries.every(
        (entry) => entry.action === 'api_key.revoked' && entry.actorEmail === alice.email,
      ),
    ).toBe(true);
    expect(first.options.actions).toEqual(['api_key.created', 'api_key.revoked']);

    const garbage = await readAuditTrail(
      db,
      { organisationId: org.id },
      { before: 'x', actor: '1' },
    );
    expect(garbage.entries).toHaveLength(50);
  });

  it('an account’s own trail holds its personal events and none of an organisation’s', async () => {
    const db = await getDb();
    const org = await makeOrganisation();
    const user = await makeMember(org.id, 'admin');
    const common = { details: {}, ...client, actorUserId: user.id };
    await insertAuditEvent(db, { ...common, organisationId: null, action: 'sign_in.succeeded' });
    await insertAuditEvent(db, { ...common, organisationId: null, action: 'two_factor.enabled' });
    await insertAuditEvent(db, { ...common, organisationId: org.id, action: 'api_key.created' });

    const trail = await readAuditTrail(db, { accountUserId: user.id }, {});
    expect(trail.entries.map((entry) => entry.action).sort()).toEqual([
      'sign_in.succeeded',
      'two_factor.enabled',
    ]);
    const mine = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, user.id), eq(auditEvents.organisationId, org.id)));
    expect(mine).toHaveLength(1);
  });
});
