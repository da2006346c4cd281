'use client';

import { useId, useRef, useState } from 'react';

import { Button } from '@/components/ui/Button';
import styles from '@/components/ui/dialog.module.css';

/** A read-only value with a Copy button; selects the text where the clipboard API is missing. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<'idle' | 'copied' | 'manual'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      input.current?.select();
      setStatus('manual');
    }
  }

  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      <div className={styles.secretRow}>
        <input
          ref={input}
          id={id}
          className={`${styles.input} ${styles.secret}`}
          value={value}
          readOnly
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button variant="secondary" onClick={() => void copy()}>
          {status === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className={styles.hint} role="status">
        {status === 'copied' ? 'Copied to the clipboard.' : null}
        {status === 'manual' ? 'Press Ctrl+C (⌘C on a Mac) to copy the selected key.' : null}
      </p>
    </div>
  );
}
