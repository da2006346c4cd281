import Link from 'next/link';
import type { ReactNode } from 'react';

import styles from './app-shell.module.css';
import { OrgSwitcher, type OrganisationOption } from './OrgSwitcher';
import { SignOutButton } from './SignOutButton';

/** Header (brand, organisation dropdown, account) and the page body of every signed-in page. */
export type OrganisationSection = 'keys' | 'audit';

export function AppShell({
  email,
  organisations,
  currentOrganisationId,
  section = 'keys',
  children,
}: {
  email: string;
  organisations: OrganisationOption[];
  currentOrganisationId?: string;
  section?: OrganisationSection;
  children: ReactNode;
}) {
  // Only a hint: the audit page itself refuses anyone who is not an admin right now.
  const isAdmin = organisations.find((org) => org.id === currentOrganisationId)?.role === 'admin';

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
            <Link href="/account" className={styles.email} title="Account settings">
              {email}
            </Link>
            <SignOutButton />
          </div>
        </div>
        {currentOrganisationId ? (
          <nav className={styles.nav} aria-label="Organisation sections">
            <Link
              href={`/orgs/${currentOrganisationId}/keys`}
              className={styles.tab}
              aria-current={section === 'keys' ? 'page' : undefined}
            >
              API keys
            </Link>
            {isAdmin ? (
              <Link
                href={`/orgs/${currentOrganisationId}/audit`}
                className={styles.tab}
                aria-current={section === 'audit' ? 'page' : undefined}
              >
                Audit log
              </Link>
            ) : null}
          </nav>
        ) : null}
      </header>
      <main className={styles.main} id="main">
        {children}
      </main>
    </>
  );
}
