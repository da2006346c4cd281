import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import type { Database } from '../client';
import { preparedFor } from '../prepared';
import { apiKeys, users } from '../schema';

export interface ActiveKey {
  id: string;
  organisationId: string;
}

/** Also used by the bench's EXPLAIN check that pins the index this lookup must use. */
export const activeKeyByHash = preparedFor((db) =>
  db
    .select({ id: apiKeys.id, organisationId: apiKeys.organisationId })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sql.placeholder('keyHash')), isNull(apiKeys.revokedAt)))
    .limit(1)
    .prepare('api_keys_active_by_hash'),
);

/**
 * The key with this hash if it exists and is not revoked: one round trip on the unique index of
 * key_hash (a text column, so the text parameter keeps the index), as a prepared statement.
 */
export async function findActiveKeyByHash(
  db: Database,
  keyHash: string,
): Promise<ActiveKey | null> {
  const [row] = await activeKeyByHash(db).execute({ keyHash });
  return row ?? null;
}

export interface NewApiKey {
  organisationId: string;
  name: string;
  keyHash: string;
  lastFour: string;
  createdByUserId: string | null;
}

export async function insertApiKey(db: Database, key: NewApiKey) {
  const [row] = await db.insert(apiKeys).values(key).returning({
    id: apiKeys.id,
    name: apiKeys.name,
    lastFour: apiKeys.lastFour,
    createdAt: apiKeys.createdAt,
  });
  if (!row) throw new Error('insert into api_keys returned no row');
  return row;
}

export async function activeKeyNameExists(db: Database, organisationId: string, name: string) {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.organisationId, organisationId),
        eq(apiKeys.name, name),
        isNull(apiKeys.revokedAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

const creators = alias(users, 'creators');

/** Every key of one organisation, newest first, with who created it. Never the hash. */
export async function listApiKeys(db: Database, organisationId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      lastFour: apiKeys.lastFour,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdByEmail: creators.email,
      createdByName: creators.name,
    })
    .from(apiKeys)
    .leftJoin(creators, eq(creators.id, apiKeys.createdByUserId))
    .where(eq(apiKeys.organisationId, organisationId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export type ApiKeyListItem = Awaited<ReturnType<typeof listApiKeys>>[number];

/** Revokes an active key of this organisation; returns its name, or null if there was none. */
export async function revokeApiKey(
  db: Database,
  organisationId: string,
  keyId: string,
  revokedByUserId: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()`, revokedByUserId })
    .where(
      and(
        eq(apiKeys.id, keyId),
        eq(apiKeys.organisationId, organisationId),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id, name: apiKeys.name });
  return row ?? null;
}

/** One statement for a whole batch of last-used times, so usage costs no write per request. */
export async function recordLastUsed(db: Database, usage: ReadonlyMap<string, Date>) {
  if (usage.size === 0) return;

  const rows = [...usage].map(([id, at]) => sql`(${id}::uuid, ${at.toISOString()}::timestamptz)`);
  await db.execute(sql`
    update api_keys as k set last_used_at = greatest(k.last_used_at, v.used_at)
    from (values ${sql.join(rows, sql`, `)}) as v(id, used_at)
    where k.id = v.id`);
}
