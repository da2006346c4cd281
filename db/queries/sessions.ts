import { eq, lt, sql } from 'drizzle-orm';

import type { Database } from '../client';
import { revokedSessions, users } from '../schema';

/** Ends one session for good; expired rows are swept at the same time, so the table stays small. */
export async function revokeSessionId(
  db: Database,
  values: { sessionId: string; userId: string; expiresAt: Date },
) {
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
  await db.insert(revokedSessions).values(values).onConflictDoNothing();
}

export async function isSessionRevoked(db: Database, sessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: revokedSessions.sessionId })
    .from(revokedSessions)
    .where(eq(revokedSessions.sessionId, sessionId))
    .limit(1);
  return row !== undefined;
}

/** Ends every session of the user that carries the old version; returns the new version. */
export async function bumpSessionVersion(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  if (!row) throw new Error('no such user');
  return row.sessionVersion;
}
