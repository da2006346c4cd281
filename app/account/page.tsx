import type { Metadata } from 'next';
import Link from 'next/link';

import styles from '@/components/account/account.module.css';
import { ChangePasswordForm } from '@/components/account/ChangePasswordForm';
import { AppShell } from '@/components/app-shell/AppShell';
import { EndOtherSessionsButton } from '@/components/app-shell/EndOtherSessionsButton';
import keys from '@/components/keys/keys.module.css';
import { getDb } from '@/db/client';
import { listUserOrganisations } from '@/db/queries/organisations';
import { requireUser } from '@/lib/auth/session';
import { sessionTiming } from '@/lib/auth/session-token';

export const metadata: Metadata = { title: 'Account' };

/** `/account`: password, sessions, and links to two-factor settings and the account's activity. */
export default async function AccountPage() {
  const user = await requireUser('/account');
  const organisations = await listUserOrganisations(await getDb(), user.id);
  const { idleSeconds, lifetimeSeconds } = sessionTiming();

  return (
    <AppShell email={user.email} organisations={organisations}>
      <div className={keys.pageHeader}>
        <div>
          <h1 className={keys.title}>Account</h1>
          <p className={keys.subtitle}>Settings for {user.email}.</p>
        </div>
      </div>

      <section className={styles.section} aria-labelledby="password-title">
        <h2 className={styles.sectionTitle} id="password-title">
          Password
        </h2>
        <p className={styles.text}>
          At least 12 characters. Changing it signs out every other browser using this account.
        </p>
        <ChangePasswordForm />
      </section>

      <section className={styles.section} aria-labelledby="sessions-title">
        <h2 className={styles.sectionTitle} id="sessions-title">
          Sessions
        </h2>
        <p className={styles.text}>
          A session ends after {Math.round(idleSeconds / 60)} minutes without use and at most{' '}
          {Math.round(lifetimeSeconds / 3600)} hours after you signed in. If you signed in on a
          computer you no longer use, end those sessions here; this one stays.
        </p>
        <EndOtherSessionsButton />
      </section>

      <section className={styles.section} aria-labelledby="more-title">
        <h2 className={styles.sectionTitle} id="more-title">
          Security
        </h2>
        <div className={styles.links}>
          <Link href="/account/security">Two-factor authentication</Link>
          <Link href="/account/activity">Sign-in activity</Link>
        </div>
      </section>
    </AppShell>
  );
}
