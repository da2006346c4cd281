import shell from '@/components/app-shell/app-shell.module.css';
import styles from '@/components/keys/keys.module.css';

/** Shown while an organisation's keys load, for example right after switching organisation. */
export default function LoadingKeys() {
  return (
    <>
      <div className={shell.header} style={{ height: 104 }} aria-hidden="true" />
      <main className={shell.main} aria-busy="true">
        <p className="visually-hidden" role="status">
          Loading API keys…
        </p>
        <div aria-hidden="true">
          <div className={styles.skeleton} style={{ width: 160, height: 28, marginBottom: 72 }} />
          <div className={styles.card}>
            {[0, 1, 2].map((row) => (
              <div key={row} style={{ display: 'flex', gap: 32, padding: '20px 16px' }}>
                <div className={styles.skeleton} style={{ width: 180 }} />
                <div className={styles.skeleton} style={{ width: 110 }} />
                <div className={styles.skeleton} style={{ width: 160 }} />
                <div className={styles.skeleton} style={{ width: 90 }} />
              </div>
            ))}
          </div>
        </div>
      </main>
    </>
  );
}
