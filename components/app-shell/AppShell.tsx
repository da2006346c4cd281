import Link from 'next/link';
import type { ReactNode } from 'react';

import styles from './app-shell.module.css';
import { OrgSwitcher, type OrganisationOption } from './OrgSwitcher';
import { SignOutButton } from './SignOutButton';

/** Header (brand, organisation dropdown, account) and the page body of every signed-in page. */
export function AppShell({
  email,
  organisations,
  currentOrganisationId,
  children,
}: {
  email: string;
  organisations: OrganisationOption[];
  currentOrganisationId?: string;
  children: ReactNode;
}) {
  return (
    <>
      <header className={styles.header}>
        <div className={styles.bar}>
          <Link href="/" className={styles.brand}>
            <span className={styles.logo} aria-hidden="true">
              S
            </span>
            Servicebay
          </Link>
          {currentOrganisationId ? (
            <>
              <span className={styles.divider} aria-hidden="true">
                /
              </span>
              <OrgSwitcher organisations={organisations} currentId={currentOrganisationId} />
            </>
          ) : null}
          <div className={styles.spacer} />
          <div className={styles.account}>
            <span className={styles.email}>{email}</span>
            <SignOutButton />
          </div>
        </div>
        {currentOrganisationId ? (
          <nav className={styles.nav} aria-label="Organisation sections">
            <Link
              href={`/orgs/${currentOrganisationId}/keys`}
              className={styles.tab}
              aria-current="page"
            >
              API keys
            </Link>
          </nav>
        ) : null}
      </header>
      <main className={styles.main} id="main">
        {children}
      </main>
    </>
  );
}
