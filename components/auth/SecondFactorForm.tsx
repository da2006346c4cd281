'use client';

import { signIn } from 'next-auth/react';
import { useActionState, useEffect, useId, useState } from 'react';

import { Button } from '@/components/ui/Button';
import { describeRefusal } from '@/lib/two-factor/sign-in-refusal';

import styles from './login.module.css';
import own from './second-factor.module.css';

type Mode = 'totp' | 'recovery';
type StepState = { message: string | null; done: boolean };

const fields: Record<Mode, { label: string; hint: string; switchTo: string }> = {
  totp: {
    label: 'Authentication code',
    hint: 'Enter the 6-digit code shown in your authenticator app.',
    switchTo: 'Use a recovery code instead',
  },
  recovery: {
    label: 'Recovery code',
    hint: 'Enter one of the recovery codes you saved when you set up two-factor authentication.',
    switchTo: 'Use a code from your authenticator app instead',
  },
};

/**
 * The second sign-in step for accounts with two-factor authentication. The password is not
 * kept here: the challenge cookie set by the password step is what ties this step to it.
 */
export function SecondFactorForm({
  returnTo,
  onRestart,
}: {
  returnTo: string;
  /** The pending sign-in is gone (expired, too many wrong codes, locked): back to step one. */
  onRestart: (message: string) => void;
}) {
  const [mode, setMode] = useState<Mode>('totp');
  const ids = { field: useId(), hint: useId(), alert: useId() };

  const [state, formAction, pending] = useActionState(
    async (_previous: StepState, formData: FormData): Promise<StepState> => {
      const value = String(formData.get('code') ?? '');
      const credentials = mode === 'totp' ? { code: value } : { recoveryCode: value };
      const result = await signIn('challenge', { redirect: false, ...credentials });
      if (result?.ok && !result.error) return { message: null, done: true };

      const refusal = describeRefusal(result?.error);
      if (refusal.restart) onRestart(refusal.message);
      return { message: refusal.message, done: false };
    },
    { message: null, done: false },
  );

  useEffect(() => {
    if (state.done) window.location.assign(returnTo);
  }, [state, returnTo]);

  const field = fields[mode];
  const busy = pending || state.done;

  return (
    <form
      className={styles.form}
      action={formAction}
      noValidate
      aria-label="Two-factor verification"
    >
      <p className={own.intro}>This account uses two-factor authentication.</p>
      {state.message ? (
        <div className={styles.alert} role="alert" id={ids.alert}>
          {state.message}
        </div>
      ) : null}

      <div className={styles.field}>
        <label className={styles.label} htmlFor={ids.field}>
          {field.label}
        </label>
        <input
          key={mode}
          id={ids.field}
          name="code"
          type="text"
          className={styles.input}
          inputMode={mode === 'totp' ? 'numeric' : 'text'}
          autoComplete={mode === 'totp' ? 'one-time-code' : 'off'}
          spellCheck={false}
          autoFocus
          required
          maxLength={mode === 'totp' ? 7 : 24}
          aria-invalid={state.message ? true : undefined}
          aria-describedby={state.message ? `${ids.hint} ${ids.alert}` : ids.hint}
        />
        <p className={own.hint} id={ids.hint}>
          {field.hint}
        </p>
      </div>

      <Button type="submit" variant="primary" block className={styles.submit} pending={busy}>
        {busy ? 'Verifying…' : 'Verify'}
      </Button>

      <button
        type="button"
        className={own.linkButton}
        onClick={() => setMode(mode === 'totp' ? 'recovery' : 'totp')}
      >
        {field.switchTo}
      </button>
    </form>
  );
}
