import type { Metadata } from 'next';

import { AppShell } from '@/components/app-shell/AppShell';
import { AuditTrailView } from '@/components/audit/AuditTrailView';
import keys from '@/components/keys/keys.module.css';
import { getDb } from '@/db/client';
import { listUserOrganisations } from '@/db/queries/organisations';
import { readAuditTrail } from '@/lib/audit/trail';
import { requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign-in activity' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/account/activity`: the signed-in account's own events (sign-ins, password, 2FA). */
export default async function ActivityPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/account/activity');
  const db = await getDb();
  const [organisations, trail] = await Promise.all([
    listUserOrganisations(db, user.id),
    readAuditTrail(db, { accountUserId: user.id }, await searchParams),
  ]);

  return (
    <AppShell email={user.email} organisations={organisations}>
      <div className={keys.pageHeader}>
        <div>
          <h1 className={keys.title}>Sign-in activity</h1>
          <p className={keys.subtitle}>
            Sign-ins to {user.email}, failed attempts, and changes to its security settings. If you
            do not recognise an entry, change your password.
          </p>
        </div>
      </div>
      <AuditTrailView
        trail={trail}
        basePath="/account/activity"
        showActorFilter={false}
        caption={`Activity of ${user.email}`}
      />
    </AppShell>
  );
}
