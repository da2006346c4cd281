import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { getDb } from '@/db/client';
import { insertAuditEvent } from '@/db/queries/audit-events';
import { auditEvents, organisations, users } from '@/db/schema';
import { auditActions } from '@/lib/audit/actions';
import { makeOrganisation, makeUser } from '@/tests/helpers/fixtures';

async function entryBy(organisationId: string, actorUserId: string) {
  const db = await getDb();
  await insertAuditEvent(db, {
    organisationId,
    actorUserId,
    action: auditActions.apiKeyRevoked,
    details: { key_name: 'billing-export' },
    clientAddress: '198.51.100.9',
    userAgent: 'append-only test',
  });
  const [row] = await db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.organisationId, organisationId));
  if (!row) throw new Error('the audit entry was not written');
  return row;
}

// The database itself refuses, so no writer that does not own the table (a future feature, a
// script, manual SQL) can rewrite history.
describe('the audit trail is append-only', () => {
  it('refuses to change or delete an entry', async () => {
    const db = await getDb();
    const entry = await entryBy((await makeOrganisation()).id, (await makeUser()).id);

    const refused = { cause: { message: expect.stringMatching(/audit_events is append-only/) } };
    await expect(
      db
        .update(auditEvents)
        .set({ action: 'nothing.happened' })
        .where(eq(auditEvents.id, entry.id)),
    ).rejects.toMatchObject(refused);
    await expect(
      db.update(auditEvents).set({ actorUserId: null }).where(eq(auditEvents.id, entry.id)),
    ).rejects.toMatchObject(refused);
    await expect(db.delete(auditEvents).where(eq(auditEvents.id, entry.id))).rejects.toMatchObject(
      refused,
    );
    await expect(db.execute(sql`truncate audit_events`)).rejects.toMatchObject(refused);

    const [after] = await db.select().from(auditEvents).where(eq(auditEvents.id, entry.id));
    expect(after).toEqual(entry);
  });

  it('lets a deleted actor become unknown, and a deleted organisation take its trail', async () => {
    const db = await getDb();
    const organisation = await makeOrganisation();
    const actor = await makeUser();
    const entry = await entryBy(organisation.id, actor.id);

    await db.delete(users).where(eq(users.id, actor.id));
    const [kept] = await db.select().from(auditEvents).where(eq(auditEvents.id, entry.id));
    expect(kept).toEqual({ ...entry, actorUserId: null });

    await db.delete(organisations).where(eq(organisations.id, organisation.id));
    expect(await db.select().from(auditEvents).where(eq(auditEvents.id, entry.id))).toEqual([]);
  });
});
