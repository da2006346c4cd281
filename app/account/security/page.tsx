import type { Metadata } from 'next';

import { AppShell } from '@/components/app-shell/AppShell';
import keys from '@/components/keys/keys.module.css';
import { formatFull } from '@/components/keys/format';
import { TwoFactorControls } from '@/components/two-factor/TwoFactorControls';
import styles from '@/components/two-factor/two-factor.module.css';
import { getDb } from '@/db/client';
import { listUserOrganisations } from '@/db/queries/organisations';
import { requireUser } from '@/lib/auth/session';
import { RECOVERY_CODE_COUNT } from '@/lib/two-factor/recovery-codes';
import { twoFactorStatus } from '@/lib/two-factor/status';

export const metadata: Metadata = { title: 'Account security' };

/** `/account/security`: two-factor authentication for the signed-in account. */
export default async function SecurityPage() {
  const user = await requireUser('/account/security');
  const db = await getDb();
  const [organisations, status] = await Promise.all([
    listUserOrganisations(db, user.id),
    twoFactorStatus(db, user.id),
  ]);

  return (
    <AppShell email={user.email} organisations={organisations}>
      <div className={keys.pageHeader}>
        <div>
          <h1 className={keys.title}>Account security</h1>
          <p className={keys.subtitle}>Settings for {user.email}.</p>
        </div>
      </div>

      <section className={styles.section} aria-labelledby="two-factor-title">
        <h2 className={styles.sectionTitle} id="two-factor-title">
          Two-factor authentication
        </h2>
        <p className={styles.muted}>
          With two-factor authentication on, signing in needs your password and a 6-digit code from
          an authenticator app on your phone.
        </p>
        <dl className={styles.facts}>
          <dt>Status</dt>
          <dd data-testid="two-factor-status">{status.enabled ? 'On' : 'Off'}</dd>
          {status.enabled && status.enabledAt ? (
            <>
              <dt>Enabled</dt>
              <dd>{formatFull(status.enabledAt)}</dd>
              <dt>Recovery codes left</dt>
              <dd data-testid="recovery-codes-left">
                {status.recoveryCodesLeft} of {RECOVERY_CODE_COUNT}
              </dd>
            </>
          ) : null}
          {status.lockedUntil ? (
            <>
              <dt>Locked until</dt>
              <dd>{formatFull(status.lockedUntil)}</dd>
            </>
          ) : null}
        </dl>
        <TwoFactorControls enabled={status.enabled} />
      </section>
    </AppShell>
  );
}
