import { and, asc, eq } from 'drizzle-orm';

import type { Database } from '../client';
import { memberships, organisations, type MembershipRole } from '../schema';

export async function insertOrganisation(db: Database, name: string) {
  const [row] = await db.insert(organisations).values({ name }).returning();
  if (!row) throw new Error('insert into organisations returned no row');
  return row;
}

export async function findOrganisation(db: Database, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return row ?? null;
}

/** Adds the user to the organisation, or changes their role if they already belong to it. */
export async function upsertMembership(
  db: Database,
  values: { organisationId: string; userId: string; role: MembershipRole },
) {
  const [row] = await db
    .insert(memberships)
    .values(values)
    .onConflictDoUpdate({
      target: [memberships.organisationId, memberships.userId],
      set: { role: values.role },
    })
    .returning();
  if (!row) throw new Error('upsert into memberships returned no row');
  return row;
}

export async function findMembership(db: Database, organisationId: string, userId: string) {
  const [row] = await db
    .select({ role: memberships.role, organisationName: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** The user's organisations with their role, in a stable order for the dropdown. */
export async function listUserOrganisations(db: Database, userId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name), asc(organisations.id));
}

/** Takes the user out of the organisation; their next request there is a 404. */
export async function removeMembership(db: Database, organisationId: string, userId: string) {
  const removed = await db
    .delete(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return removed.length > 0;
}
