import styles from './spinner.module.css';

/** A small busy indicator in the current text colour; decorative, so say what is busy nearby. */
export function Spinner({ size = 14 }: { size?: number }) {
  return (
    <span className={styles.spinner} style={{ width: size, height: size }} aria-hidden="true" />
  );
}
