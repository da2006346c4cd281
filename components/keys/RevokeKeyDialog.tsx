'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';

import { Button } from '@/components/ui/Button';
import styles from '@/components/ui/dialog.module.css';

import { postJson } from './post-json';

export const KEYS_HEADING_ID = 'keys-heading';

/** "Revoke" on one key, behind a confirmation that names it. */
export function RevokeKeyDialog({
  organisationId,
  keyId,
  keyName,
  maskedKey,
}: {
  organisationId: string;
  keyId: string;
  keyName: string;
  maskedKey: string;
}) {
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoked = useRef(false);
  const outdated = useRef(false);

  async function revoke() {
    setPending(true);
    setError(null);
    const result = await postJson(
      `/api/portal/organisations/${organisationId}/keys/${keyId}/revoke`,
    );
    setPending(false);

    if (!result.ok) {
      setError(result.message);
      // 404: someone else revoked it meanwhile; the row is refreshed once the user has read why.
      // 401: the refreshed page sends the user to sign in and back here.
      outdated.current = result.status === 404;
      if (result.status === 401) startRefresh(() => router.refresh());
      return;
    }
    revoked.current = true;
    setOpen(false);
    startRefresh(() => router.refresh());
  }

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) return;
        setError(null);
        if (outdated.current) startRefresh(() => router.refresh());
      }}
    >
      <AlertDialog.Trigger asChild>
        <Button variant="dangerGhost" size="small" aria-label={`Revoke ${keyName}`}>
          Revoke
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={styles.overlay} />
        <AlertDialog.Content
          className={styles.content}
          onCloseAutoFocus={(event) => {
            // The Revoke button leaves the page with the key's active state, so focus goes to
            // the page heading instead of being lost.
            if (!revoked.current && !outdated.current) return;
            event.preventDefault();
            document.getElementById(KEYS_HEADING_ID)?.focus();
          }}
        >
          <div className={styles.body}>
            <AlertDialog.Title className={styles.title}>Revoke API key</AlertDialog.Title>
            <AlertDialog.Description className={styles.description}>
              Revoke <strong>{keyName}</strong> ({maskedKey})? Anything that uses it gets 401
              Unauthorized from its very next request. This cannot be undone.
            </AlertDialog.Description>
            {error ? (
              <p className={styles.formError} role="alert">
                {error}
              </p>
            ) : null}
          </div>
          <div className={styles.footer}>
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </AlertDialog.Cancel>
            <Button variant="danger" pending={pending} onClick={() => void revoke()}>
              {pending ? 'Revoking…' : 'Revoke key'}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
