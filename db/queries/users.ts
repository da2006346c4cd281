import { eq, sql } from 'drizzle-orm';

import type { Database } from '../client';
import { users } from '../schema';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Database, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)))
    .limit(1);
  return row ?? null;
}

export async function findUserById(db: Database, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function insertUser(
  db: Database,
  values: { email: string; name: string | null; passwordHash: string },
) {
  const [row] = await db
    .insert(users)
    .values({ ...values, email: normaliseEmail(values.email) })
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!row) throw new Error('insert into users returned no row');
  return row;
}
