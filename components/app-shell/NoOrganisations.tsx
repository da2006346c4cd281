import styles from '@/components/keys/keys.module.css';

/** A signed-in user who belongs to no organisation yet. */
export function NoOrganisations({ email }: { email: string }) {
  return (
    <div className={`${styles.card} ${styles.empty}`}>
      <h1 className={styles.emptyTitle}>You are not in an organisation yet</h1>
      <p className={styles.emptyText}>
        API keys belong to organisations. Ask an admin of your organisation to add{' '}
        <strong>{email}</strong> as a member, then sign in again or reload this page.
      </p>
    </div>
  );
}
