import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { AppShell } from '@/components/app-shell/AppShell';
import { AuditTrailView } from '@/components/audit/AuditTrailView';
import keys from '@/components/keys/keys.module.css';
import { getDb } from '@/db/client';
import { listUserOrganisations } from '@/db/queries/organisations';
import { readAuditTrail } from '@/lib/audit/trail';
import { requireMembership, requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/orgs/{orgId}/audit`: the organisation's audit trail, for its admins only. */
export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: SearchParams;
}) {
  const { orgId } = await params;
  const user = await requireUser(`/orgs/${orgId}/audit`);
  const access = await requireMembership(user, orgId);
  // Read from the database on this request: a member, or an admin demoted a moment ago, sees
  // the same 404 as for an organisation they are not in.
  if (access.role !== 'admin') notFound();

  const db = await getDb();
  const [organisations, trail] = await Promise.all([
    listUserOrganisations(db, user.id),
    readAuditTrail(db, { organisationId: access.organisationId }, await searchParams),
  ]);

  return (
    <AppShell
      email={user.email}
      organisations={organisations}
      currentOrganisationId={orgId}
      section="audit"
    >
      <div className={keys.pageHeader}>
        <div>
          <h1 className={keys.title}>Audit log</h1>
          <p className={keys.subtitle}>
            What happened in <strong>{access.organisationName}</strong>, who did it, and from where.
            Entries cannot be changed or deleted.
          </p>
        </div>
      </div>
      <AuditTrailView
        trail={trail}
        basePath={`/orgs/${orgId}/audit`}
        showActorFilter
        caption={`Audit log of ${access.organisationName}`}
      />
    </AppShell>
  );
}
