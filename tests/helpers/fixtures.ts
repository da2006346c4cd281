import { randomUUID } from 'node:crypto';

import { getDb } from '@/db/client';
import { insertApiKey } from '@/db/queries/api-keys';
import { insertOrganisation, upsertMembership } from '@/db/queries/organisations';
import { insertUser } from '@/db/queries/users';
import type { MembershipRole } from '@/db/schema';
import { generateApiKey } from '@/lib/api-keys/format';
import { hashPassword } from '@/lib/auth/password';

// Fixtures write straight through the query layer: fast, and unique per call so test files can
// share one real database without seeing each other's rows.
export async function makeOrganisation(name = `Org ${randomUUID().slice(0, 8)}`) {
  return insertOrganisation(await getDb(), name);
}

export const FIXTURE_PASSWORD = 'correct horse battery staple';

// Hashed once per worker: argon2id is deliberately slow and fixtures make many users.
let fixtureHash: Promise<string> | undefined;

export async function makeUser(email = `user-${randomUUID()}@example.test`) {
  fixtureHash ??= hashPassword(FIXTURE_PASSWORD);
  return insertUser(await getDb(), { email, name: null, passwordHash: await fixtureHash });
}

export async function makeMember(organisationId: string, role: MembershipRole) {
  const user = await makeUser();
  await upsertMembership(await getDb(), { organisationId, userId: user.id, role });
  return user;
}

export async function makeApiKey(organisationId: string, name = `key-${randomUUID()}`) {
  const key = generateApiKey();
  const row = await insertApiKey(await getDb(), {
    organisationId,
    name,
    keyHash: key.hash,
    lastFour: key.lastFour,
    createdByUserId: null,
  });
  return { ...row, plaintext: key.plaintext };
}
