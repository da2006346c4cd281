import { z } from 'zod';

import type { Database } from '@/db/client';
import { auditFilterOptions, listAuditPage, type AuditScope } from '@/db/queries/audit-events';

export const AUDIT_PAGE_SIZE = 50;

type SearchParams = Record<string, string | string[] | undefined>;

const filtersSchema = z.object({
  action: z
    .string()
    .regex(/^[a-z0-9_.]{1,64}$/)
    .optional()
    .catch(undefined),
  actor: z.uuid().optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
});

const cursorSchema = z.object({ t: z.iso.datetime(), id: z.uuid() });

export function encodeCursor(entry: { createdAt: Date; id: string }): string {
  const json = JSON.stringify({ t: entry.createdAt.toISOString(), id: entry.id });
  return Buffer.from(json).toString('base64url');
}

function decodeCursor(value: string | undefined) {
  if (!value) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString()));
    return parsed.success ? { createdAt: new Date(parsed.data.t), id: parsed.data.id } : undefined;
  } catch {
    return undefined;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

/**
 * One page of an audit trail from a page's search parameters. A malformed filter or cursor is
 * ignored (the newest entries are shown) rather than answered with an error page.
 */
export async function readAuditTrail(db: Database, scope: AuditScope, params: SearchParams) {
  const filters = filtersSchema.parse({
    action: first(params.action),
    actor: first(params.actor),
    before: first(params.before),
  });
  const before = decodeCursor(filters.before);

  const [rows, options] = await Promise.all([
    listAuditPage(db, {
      scope,
      action: filters.action,
      actorUserId: filters.actor,
      before,
      limit: AUDIT_PAGE_SIZE + 1,
    }),
    auditFilterOptions(db, scope),
  ]);
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = entries.at(-1);

  return {
    entries,
    options,
    filters: { action: filters.action, actor: filters.actor },
    isFirstPage: before === undefined,
    nextCursor: rows.length > AUDIT_PAGE_SIZE && last ? encodeCursor(last) : null,
  };
}

export type AuditTrail = Awaited<ReturnType<typeof readAuditTrail>>;
