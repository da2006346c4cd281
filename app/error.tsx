'use client';

import Link from 'next/link';

import { Button } from '@/components/ui/Button';
import styles from '@/components/ui/status-page.module.css';

/** Any unexpected error while rendering a page; the details stay in the server log. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
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
        <Button variant="primary" onClick={() => reset()}>
          Try again
        </Button>
        <Link href="/" className={styles.link}>
          Go home
        </Link>
      </div>
    </main>
  );
}
