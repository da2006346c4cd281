'use client';

import '@/lib/security/zod-without-eval';
import * as Dialog from '@radix-ui/react-dialog';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type FormEvent } from 'react';

import { Button } from '@/components/ui/Button';
import styles from '@/components/ui/dialog.module.css';
import { KEY_NAME_MAX_LENGTH, keyNameSchema } from '@/lib/api-keys/schemas';

import { CopyField } from './CopyField';
import { postJson } from './post-json';

interface CreatedKey {
  name: string;
  key: string;
}

/**
 * "Create API Key": asks for a name, then shows the new key exactly once. The key lives only in
 * this component's state; closing the dialog drops it, and the refreshed page never has it.
 */
export function CreateKeyDialog({
  organisationId,
  organisationName,
}: {
  organisationId: string;
  organisationName: string;
}) {
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const ids = { name: useId(), nameError: useId(), hint: useId() };

  function changeOpen(next: boolean) {
    // Closing while the key is being created would let it arrive into a closed dialog and be
    // shown, stale, the next time the dialog opens.
    if (!next && pending) return;
    setOpen(next);
    if (!next) {
      setCreated(null);
      setNameError(null);
      setFormError(null);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = keyNameSchema.safeParse(new FormData(event.currentTarget).get('name') ?? '');
    if (!parsed.success) {
      setNameError(parsed.error.issues[0]?.message ?? 'Enter a valid name.');
      return;
    }

    setNameError(null);
    setPending(true);
    const result = await postJson(`/api/portal/organisations/${organisationId}/keys`, {
      name: parsed.data,
    });
    setPending(false);

    if (result.ok) {
      setCreated({ name: String(result.body.name), key: String(result.body.key) });
      startRefresh(() => router.refresh());
      return;
    }
    // An ended session: the refreshed page sends the user to sign in and back here.
    if (result.status === 401) startRefresh(() => router.refresh());
    const fieldMessage = result.fieldErrors.name;
    if (fieldMessage) setNameError(fieldMessage);
    else setFormError(result.message);
  }

  return (
    <Dialog.Root open={open} onOpenChange={changeOpen}>
      <Dialog.Trigger asChild>
        <Button variant="primary">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M7 2v10M2 7h10" stroke="currentColor" strokeWidth="1.8" />
          </svg>
          Create API Key
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content
          className={styles.content}
          // Once the key is on screen, neither a stray click outside nor Escape may throw it
          // away: "Done" is the one way out. Nothing closes the dialog while it is creating.
          onInteractOutside={(event) => {
            if (created || pending) event.preventDefault();
          }}
          onEscapeKeyDown={(event) => {
            if (created || pending) event.preventDefault();
          }}
        >
          {created ? (
            <>
              <div className={styles.body}>
                <Dialog.Title className={styles.title}>Save your API key</Dialog.Title>
                <Dialog.Description className={styles.description}>
                  <strong>{created.name}</strong> can now call the Servicebay API for{' '}
                  <strong>{organisationName}</strong>.
                </Dialog.Description>
                <div className={styles.warning}>
                  <span aria-hidden="true">⚠</span>
                  <span>
                    This key will not be shown again. Copy it now and store it somewhere safe, such
                    as your secrets manager.
                  </span>
                </div>
                <CopyField label="API key" value={created.key} />
              </div>
              <div className={styles.footer}>
                <Dialog.Close asChild>
                  <Button variant="primary">Done</Button>
                </Dialog.Close>
              </div>
            </>
          ) : (
            <form onSubmit={submit} noValidate>
              <div className={styles.body}>
                <Dialog.Title className={styles.title}>Create API key</Dialog.Title>
                <Dialog.Description className={styles.description}>
                  The key will act on <strong>{organisationName}</strong> and can read and write its
                  data through the API.
                </Dialog.Description>
                <div className={styles.field}>
                  <label className={styles.label} htmlFor={ids.name}>
                    Name
                  </label>
                  <input
                    id={ids.name}
                    name="name"
                    className={styles.input}
                    autoComplete="off"
                    maxLength={KEY_NAME_MAX_LENGTH * 2}
                    placeholder="e.g. production-crm-sync"
                    aria-invalid={nameError ? true : undefined}
                    aria-describedby={nameError ? `${ids.nameError} ${ids.hint}` : ids.hint}
                    onChange={() => setNameError(null)}
                  />
                  {nameError ? (
                    <p className={styles.fieldError} id={ids.nameError} role="alert">
                      {nameError}
                    </p>
                  ) : null}
                  <p className={styles.hint} id={ids.hint}>
                    Up to {KEY_NAME_MAX_LENGTH} characters, unique among this organisation&apos;s
                    active keys. Say where the key is used.
                  </p>
                </div>
                {formError ? (
                  <p className={styles.formError} role="alert">
                    {formError}
                  </p>
                ) : null}
              </div>
              <div className={styles.footer}>
                <Dialog.Close asChild>
                  <Button variant="secondary" disabled={pending}>
                    Cancel
                  </Button>
                </Dialog.Close>
                <Button type="submit" variant="primary" pending={pending}>
                  {pending ? 'Creating…' : 'Create'}
                </Button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
