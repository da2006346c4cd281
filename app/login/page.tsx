import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { LoginForm } from '@/components/auth/LoginForm';
import styles from '@/components/auth/login.module.css';
import { safeReturnPath } from '@/lib/auth/return-to';
import { getSessionUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const returnTo = safeReturnPath((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(returnTo);

  return (
    <main className={styles.page}>
      <div className={styles.brand}>
        <span className={styles.logo} aria-hidden="true">
          S
        </span>
        Servicebay
      </div>
      <div className={styles.card}>
        <h1 className={styles.title}>Sign in</h1>
        <p className={styles.subtitle}>Manage your organisation’s API keys.</p>
        <LoginForm returnTo={returnTo} />
      </div>
      <p className={styles.footnote}>Servicebay developer portal</p>
    </main>
  );
}
