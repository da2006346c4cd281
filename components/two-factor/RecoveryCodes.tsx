'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/Button';
import dialog from '@/components/ui/dialog.module.css';

import styles from './two-factor.module.css';

/** The recovery codes, shown once right after they were made, with copy and download. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const asText = `Servicebay recovery codes (each works once)\n\n${codes.join('\n')}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([asText], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'servicebay-recovery-codes.txt';
    link.click();
    // Some browsers start reading the blob only after click() returns; revoking at once can
    // cancel the download there.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  return (
    <section className={styles.section} aria-labelledby="recovery-codes-title">
      <h2 className={styles.sectionTitle} id="recovery-codes-title">
        Save your recovery codes
      </h2>
      <p className={dialog.warning}>
        These codes are shown only now. Each one signs you in once if you lose your authenticator
        app. Keep them somewhere safe, such as a password manager.
      </p>
      <ol className={styles.codes} aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className={styles.actions}>
        <Button onClick={() => void copy()}>{copied === 'copied' ? 'Copied' : 'Copy codes'}</Button>
        <Button onClick={download}>Download codes</Button>
        <Button variant="primary" onClick={onDone}>
          I have saved my codes
        </Button>
      </div>
      <p className={dialog.hint} role="status">
        {copied === 'copied' ? 'The codes are on the clipboard.' : null}
        {copied === 'failed' ? 'Copying is blocked here; select the codes or download them.' : null}
      </p>
    </section>
  );
}
