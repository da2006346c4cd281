import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';

import styles from '@/components/ui/status-page.module.css';

export const metadata: Metadata = { title: 'Page not found' };

/** Also what a user sees for an organisation they do not belong to: it simply is not there. */
export default async function NotFound() {
  // Rendered per request like every page, so its scripts carry this response's CSP nonce; a copy
  // prerendered at build time would have none and the browser would block them.
  await connection();

  return (
    <main className={styles.page}>
      <p className={styles.code}>404</p>
      <h1 className={styles.title}>Page not found</h1>
      <p className={styles.text}>
        This page does not exist, or you do not have access to it. Check the address, or go back to
        your API keys.
      </p>
      <div className={styles.actions}>
        <Link href="/" className={styles.link}>
          Go to your API keys
        </Link>
      </div>
    </main>
  );
}
