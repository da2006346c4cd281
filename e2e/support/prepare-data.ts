/**
 * Creates this run's organisations, users and keys through the app's own lib/ code, then
 * writes their ids to the fixtures file. Run with tsx by the global setup before the server
 * starts (an embedded database can only be opened by one process at a time).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { closeDb, getDb } from '@/db/client';
import { migratePostgres } from '@/db/migrate';
import { insertApiKey, recordLastUsed, revokeApiKey } from '@/db/queries/api-keys';
import { insertOrganisation, upsertMembership } from '@/db/queries/organisations';
import type { MembershipRole } from '@/db/schema';
import { createUser } from '@/lib/accounts/create-user';
import { generateApiKey } from '@/lib/api-keys/format';

import type { E2eFixtures } from './fixture-types';
import { FIXTURES_FILE } from './paths';

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) await migratePostgres(process.env.DATABASE_URL);
  const db = await getDb();

  const run = randomUUID().slice(0, 8);
  const password = `e2e-${randomBytes(12).toString('base64url')}`;
  const user = async (label: string) => {
    const created = await createUser(db, {
      email: `${label}-${run}@e2e.test`,
      password,
      name: null,
    });
    return { id: created.id, email: created.email };
  };
  const [admin, member, outsider, loner, traveller] = await Promise.all(
    ['admin', 'member', 'outsider', 'loner', 'traveller'].map(user),
  );
  if (!admin || !member || !outsider || !loner || !traveller) {
    throw new Error('fixture users missing');
  }

  const organisation = async (name: string) => {
    const row = await insertOrganisation(db, name);
    return { id: row.id, name: row.name };
  };
  const acme = await organisation('Acme Corp');
  const globex = await organisation('Globex Inc');
  const hooli = await organisation('Hooli');
  const initech = await organisation('Initech');
  const umbrella = await organisation('Umbrella Ltd');

  const memberships: [string, string, MembershipRole][] = [
    [acme.id, admin.id, 'admin'],
    [acme.id, member.id, 'member'],
    [globex.id, admin.id, 'member'],
    [hooli.id, admin.id, 'admin'],
    [initech.id, admin.id, 'admin'],
    [umbrella.id, outsider.id, 'admin'],
    [initech.id, traveller.id, 'member'],
  ];
  for (const [organisationId, userId, role] of memberships) {
    await upsertMembership(db, { organisationId, userId, role });
  }

  const key = async (organisationId: string, name: string) => {
    const generated = generateApiKey();
    const row = await insertApiKey(db, {
      organisationId,
      name,
      keyHash: generated.hash,
      lastFour: generated.lastFour,
      createdByUserId: admin.id,
    });
    return { id: row.id, name: row.name, plaintext: generated.plaintext };
  };
  const legacy = await key(acme.id, 'legacy-import');
  await revokeApiKey(db, acme.id, legacy.id, admin.id);
  const staging = await key(acme.id, 'staging-crm-sync');
  const production = await key(acme.id, 'production-intake-form');
  // Two hours back, so the relative time on the page reads the same however slow the run is.
  await recordLastUsed(db, new Map([[production.id, new Date(Date.now() - 2 * 3_600_000)]]));
  await key(globex.id, 'billing-export');
  await key(umbrella.id, 'umbrella-secret-ops');

  // Two-factor specs: their own users, and an organisation whose admins all end up with 2FA.
  const [enrol, lock, guard, apiAdmin] = await Promise.all(
    ['twofa-enrol', 'twofa-lock', 'twofa-guard', 'twofa-api-admin'].map(user),
  );
  if (!enrol || !lock || !guard || !apiAdmin) throw new Error('two-factor users missing');
  const stark = await organisation('Stark Industries');
  await upsertMembership(db, { organisationId: stark.id, userId: apiAdmin.id, role: 'admin' });
  const starkKey = await key(stark.id, 'stark-ci');

  const fixtures: E2eFixtures = {
    password,
    users: { admin, member, outsider, loner, traveller },
    organisations: { acme, globex, hooli, initech, umbrella },
    keys: { acmeActive: staging },
    twoFactor: {
      users: { enrol, lock, guard, apiAdmin },
      organisation: stark,
      key: starkKey,
    },
  };
  await mkdir(path.dirname(FIXTURES_FILE), { recursive: true });
  await writeFile(FIXTURES_FILE, JSON.stringify(fixtures, null, 2));
  await closeDb();
}

main().catch((error: unknown) => {
  process.stderr.write(`e2e data preparation failed: ${String(error)}\n`);
  process.exit(1);
});
