import styles from './keys.module.css';

/** Shown instead of the table when the organisation has no keys at all. */
export function EmptyKeys({
  organisationName,
  isAdmin,
}: {
  organisationName: string;
  isAdmin: boolean;
}) {
  return (
    <div className={`${styles.card} ${styles.empty}`}>
      <div className={styles.emptyIcon} aria-hidden="true">
        <svg
          width="22"
          height="22"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
        >
          <circle cx="8" cy="15" r="4" />
          <path d="M11 12l9-9M17 6l3 3M15 8l2 2" />
        </svg>
      </div>
      <h2 className={styles.emptyTitle}>No API keys yet</h2>
      <p className={styles.emptyText}>
        API keys let your own systems, such as a CRM sync or a checkout form, call the Servicebay
        API for {organisationName}. Each key works for this organisation only and can be revoked at
        any time.{' '}
        {isAdmin
          ? 'Create one with “Create API Key” and store it in your secrets manager.'
          : 'Ask an admin of this organisation to create one.'}
      </p>
    </div>
  );
}
