import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { migrationsFolder, type Database } from '@/db/client';
import { listUserOrganisations } from '@/db/queries/organisations';
import { findUserByEmail } from '@/db/queries/users';
import * as schema from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { wantsDemoData } from '@/lib/demo/bootstrap';
import { DEMO_PASSWORD, demoAccounts, demoSignInsBanner, seedDemoData } from '@/lib/demo/seed';

// A database of its own: the demo data goes only into an empty one, and the shared test
// database already holds other files' organisations.
let client: PGlite;
let db: Database;

beforeAll(async () => {
  client = await PGlite.create('memory://');
  const pglite = drizzle(client, { schema });
  await migrate(pglite, { migrationsFolder });
  db = pglite as unknown as Database;
});

afterAll(async () => {
  await client.close();
});

async function rolesOf(email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`${email} was not seeded`);
  const organisations = await listUserOrganisations(db, user.id);
  return Object.fromEntries(organisations.map((org) => [org.name, org.role]));
}

describe('demo data', () => {
  it('seeds two organisations, an admin, a member and a user in both, once', async () => {
    expect(await seedDemoData(db)).toBe(true);

    expect(await rolesOf('admin@acme.test')).toEqual({ 'Acme Corp': 'admin' });
    expect(await rolesOf('member@acme.test')).toEqual({ 'Acme Corp': 'member' });
    expect(await rolesOf('both@globex.test')).toEqual({
      'Acme Corp': 'member',
      'Globex Inc': 'admin',
    });
    expect(await seedDemoData(db)).toBe(false);
  });

  it('gives each demo account the printed password, and keys and customers to see', async () => {
    const banner = demoSignInsBanner();
    for (const account of demoAccounts) {
      const user = await findUserByEmail(db, account.email);
      expect(user && (await verifyPassword(user.passwordHash, DEMO_PASSWORD))).toBe(true);
      expect(banner).toContain(`${account.email}`);
    }
    expect(banner).toContain(DEMO_PASSWORD);

    const keys = await db.select().from(schema.apiKeys);
    expect(keys.map((key) => key.name).sort()).toEqual([
      'billing-export',
      'production-intake-form',
      'staging-crm-sync',
    ]);
    expect(keys.every((key) => /^[0-9a-f]{64}$/.test(key.keyHash))).toBe(true);
    expect(await db.select().from(schema.customers)).toHaveLength(3);
  });

  it('is the default only for the embedded database outside production', () => {
    expect(wantsDemoData('pglite', 'development')).toBe(true);
    expect(wantsDemoData('pglite', 'production')).toBe(false);
    expect(wantsDemoData('postgres', 'development')).toBe(false);
  });
});
