import { sql } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { insertApiKey } from '@/db/queries/api-keys';
import { insertCustomer } from '@/db/queries/customers';
import { insertOrganisation, upsertMembership } from '@/db/queries/organisations';
import { organisations } from '@/db/schema';
import { createUser } from '@/lib/accounts/create-user';
import { generateApiKey } from '@/lib/api-keys/format';

export const DEMO_PASSWORD = 'servicebay-demo-2026';

export const demoAccounts = [
  { email: 'admin@acme.test', name: 'Ada Admin', description: 'admin of Acme Corp' },
  { email: 'member@acme.test', name: 'Max Member', description: 'member of Acme Corp' },
  {
    email: 'both@globex.test',
    name: 'Bea Both',
    description: 'member of Acme Corp, admin of Globex Inc',
  },
] as const;

/** Seeds the demo organisations only into an empty database; returns whether it did. */
export async function seedDemoData(db: Database): Promise<boolean> {
  const [existing] = await db.select({ count: sql<number>`count(*)::int` }).from(organisations);
  if ((existing?.count ?? 0) > 0) return false;

  const acme = await insertOrganisation(db, 'Acme Corp');
  const globex = await insertOrganisation(db, 'Globex Inc');
  const [admin, member, both] = await Promise.all(
    demoAccounts.map((account) =>
      createUser(db, { email: account.email, name: account.name, password: DEMO_PASSWORD }),
    ),
  );
  if (!admin || !member || !both) throw new Error('demo users were not created');

  await upsertMembership(db, { organisationId: acme.id, userId: admin.id, role: 'admin' });
  await upsertMembership(db, { organisationId: acme.id, userId: member.id, role: 'member' });
  await upsertMembership(db, { organisationId: acme.id, userId: both.id, role: 'member' });
  await upsertMembership(db, { organisationId: globex.id, userId: both.id, role: 'admin' });

  // Demo keys are created and their plaintext thrown away, exactly as for real keys.
  for (const [org, name, creator] of [
    [acme.id, 'production-intake-form', admin.id],
    [acme.id, 'staging-crm-sync', admin.id],
    [globex.id, 'billing-export', both.id],
  ] as const) {
    const key = generateApiKey();
    await insertApiKey(db, {
      organisationId: org,
      name,
      keyHash: key.hash,
      lastFour: key.lastFour,
      createdByUserId: creator,
    });
  }

  for (const [org, name, email] of [
    [acme.id, 'Wile E. Coyote', 'wile@desert.test'],
    [acme.id, 'Road Runner', 'meep@desert.test'],
    [globex.id, 'Hank Scorpio', 'hank@globex.test'],
  ] as const) {
    await insertCustomer(db, org, { name, email, phone: null, metadata: { source: 'demo' } });
  }

  return true;
}

export function demoSignInsBanner(): string {
  const lines = demoAccounts.map(
    (account) => `  ${account.email.padEnd(20)} ${DEMO_PASSWORD}   (${account.description})`,
  );
  return ['', 'Servicebay demo sign-ins:', ...lines, ''].join('\n');
}
