import type { Metadata } from 'next';

import { AppShell } from '@/components/app-shell/AppShell';
import { RememberOrganisation } from '@/components/app-shell/RememberOrganisation';
import { CreateKeyDialog } from '@/components/keys/CreateKeyDialog';
import { EmptyKeys } from '@/components/keys/EmptyKeys';
import styles from '@/components/keys/keys.module.css';
import { KeysTable } from '@/components/keys/KeysTable';
import { KEYS_HEADING_ID } from '@/components/keys/RevokeKeyDialog';
import { getDb } from '@/db/client';
import { listApiKeys } from '@/db/queries/api-keys';
import { listUserOrganisations } from '@/db/queries/organisations';
import { requireMembership, requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'API keys' };

export default async function KeysPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const user = await requireUser(`/orgs/${orgId}/keys`);
  const access = await requireMembership(user, orgId);

  const db = await getDb();
  const [organisations, keys] = await Promise.all([
    listUserOrganisations(db, user.id),
    listApiKeys(db, access.organisationId),
  ]);
  const isAdmin = access.role === 'admin';

  return (
    <AppShell email={user.email} organisations={organisations} currentOrganisationId={orgId}>
      <RememberOrganisation id={orgId} />
      <div className={styles.pageHeader}>
        <div>
          <h1 className={styles.title} id={KEYS_HEADING_ID} tabIndex={-1}>
            API keys
          </h1>
          <p className={styles.subtitle}>
            Keys let your systems call the Servicebay API for{' '}
            <strong>{access.organisationName}</strong>. Send one in the <code>X-API-Key</code>{' '}
            header; each key is shown only once, when it is created.
          </p>
        </div>
        {isAdmin ? (
          <CreateKeyDialog organisationId={orgId} organisationName={access.organisationName} />
        ) : null}
      </div>

      {isAdmin ? null : (
        <p className={styles.notice}>
          You are a member of {access.organisationName}: you can see its keys, and its admins can
          create and revoke them.
        </p>
      )}

      {keys.length > 0 ? (
        <KeysTable keys={keys} organisationId={orgId} canRevoke={isAdmin} />
      ) : (
        <EmptyKeys organisationName={access.organisationName} isAdmin={isAdmin} />
      )}
    </AppShell>
  );
}
