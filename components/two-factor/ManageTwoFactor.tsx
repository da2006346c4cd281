'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';

import { Button } from '@/components/ui/Button';
import {
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
} from '@/app/account/security/actions';

import { idle, type ActionState } from './action-state';
import { CodeField, FormErrorLine, FormField, errorFor } from './FormField';
import styles from './two-factor.module.css';
import { useCodesAction } from './use-codes-action';

function RegenerateForm({
  onCancel,
  onCodes,
}: {
  onCancel: () => void;
  onCodes: (codes: string[]) => void;
}) {
  const [state, action, pending] = useCodesAction(regenerateRecoveryCodesAction, onCodes);

  return (
    <form action={action} className={styles.form} noValidate aria-label="New recovery codes">
      <p className={styles.muted}>Your current recovery codes will stop working.</p>
      <FormField
        label="Current password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        error={errorFor(state, 'password')}
      />
      <CodeField state={state} />
      <FormErrorLine state={state} />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" pending={pending}>
          Generate new codes
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

function DisableForm({ onCancel }: { onCancel: () => void }) {
  const router = useRouter();
  const [method, setMethod] = useState<'totp' | 'recovery'>('totp');
  const [state, action, pending] = useActionState(
    async (previous: ActionState, formData: FormData) => {
      const next = await disableTwoFactorAction(previous, formData);
      if (next.status === 'ok') router.refresh();
      return next;
    },
    idle,
  );

  return (
    <form action={action} className={styles.form} noValidate aria-label="Turn off 2FA">
      <FormField
        label="Current password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        error={errorFor(state, 'password')}
      />
      <fieldset className={styles.radios}>
        <legend>Confirm with</legend>
        {(['totp', 'recovery'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="method"
              value={value}
              checked={method === value}
              onChange={() => setMethod(value)}
            />{' '}
            {value === 'totp' ? 'A code from my app' : 'A recovery code'}
          </label>
        ))}
      </fieldset>
      <FormField
        key={method}
        label={method === 'totp' ? 'Authentication code' : 'Recovery code'}
        name="code"
        inputMode={method === 'totp' ? 'numeric' : 'text'}
        autoComplete={method === 'totp' ? 'one-time-code' : 'off'}
        maxLength={method === 'totp' ? 7 : 24}
        required
        error={errorFor(state, 'code')}
      />
      <FormErrorLine state={state} />
      <div className={styles.actions}>
        <Button type="submit" variant="danger" pending={pending}>
          Turn off two-factor authentication
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

/** For an account with 2FA on: new recovery codes (shown by the caller), or switching it off. */
export function ManageTwoFactor({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const [open, setOpen] = useState<'none' | 'regenerate' | 'disable'>('none');

  if (open === 'regenerate') {
    return <RegenerateForm onCancel={() => setOpen('none')} onCodes={onCodes} />;
  }
  if (open === 'disable') return <DisableForm onCancel={() => setOpen('none')} />;
  return (
    <div className={styles.actions}>
      <Button onClick={() => setOpen('regenerate')}>Regenerate recovery codes</Button>
      <Button variant="dangerGhost" onClick={() => setOpen('disable')}>
        Turn off two-factor authentication
      </Button>
    </div>
  );
}
