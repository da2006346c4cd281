'use client';

import Link from 'next/link';

import { Button } from '@/components/ui/Button';
import styles from '@/components/ui/status-page.module.css';

/**
 * Any unexpected error while rendering a page, such as the database being unreachable; the
 * details stay in the server log.
 */
export default function ErrorPage({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  // `retry` fetches the page from the server again and then resets the boundary. `reset` alone
  // would only re-render the failed server payload, so a page that failed on the database
  // would never come back after an outage (e2e/outage.spec.ts).
  retry: () => void;
}) {
  return (
    <main className={styles.page}>
      <p className={styles.code}>Error</p>
      <h1 className={styles.title}>Something went wrong</h1>
      <p className={styles.text}>
        We could not load this page. Try again; if it keeps happening, contact support
        {error.digest ? ` and mention reference ${error.digest}` : ''}.
      </p>
      <div className={styles.actions}>
        <Button variant="primary" onClick={() => retry()}>
          Try again
        </Button>
        <Link href="/" className={styles.link}>
          Go home
        </Link>
      </div>
    </main>
  );
}
