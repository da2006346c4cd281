'use client';

import { signIn } from 'next-auth/react';
import { useActionState, useEffect, useId, useState } from 'react';

import { Button } from '@/components/ui/Button';
import { startSignIn } from '@/lib/auth/sign-in/start-sign-in';
import { INVALID_CREDENTIALS } from '@/lib/auth/sign-in/state';

import styles from './login.module.css';
import { SecondFactorForm } from './SecondFactorForm';

type FormState =
  | {
      step: 'password';
      email: string;
      message?: string;
      fieldErrors?: Record<string, string | undefined>;
    }
  | { step: 'second-factor'; email: string }
  | { step: 'done'; email: string };

/**
 * Step one sends the password to the `startSignIn` server action, which only leaves a
 * challenge cookie; step two asks next-auth to turn that challenge into a session. When the
 * account has two-factor authentication the second step needs a code first (added by the 2FA
 * work as the 'second-factor' state, rendered by SecondFactorForm).
 */
async function signInSteps(_previous: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get('email') ?? '');
  const passwordStep = await startSignIn(formData);
  if (passwordStep.status === 'invalid') {
    return {
      step: 'password',
      email,
      message: passwordStep.message,
      fieldErrors: passwordStep.fieldErrors,
    };
  }
  if (passwordStep.needsSecondFactor) return { step: 'second-factor', email };

  const session = await signIn('challenge', { redirect: false });
  if (!session?.ok) return { step: 'password', email, message: INVALID_CREDENTIALS };
  return { step: 'done', email };
}

export function LoginForm({ returnTo }: { returnTo: string }) {
  const [state, formAction, pending] = useActionState(signInSteps, { step: 'password', email: '' });
  // Set when the second step sends the user back (expired, too many codes, locked); it applies
  // to that one state, so the next password submission starts clean.
  const [restart, setRestart] = useState<{ from: FormState; message: string } | null>(null);
  const ids = {
    email: useId(),
    password: useId(),
    alert: useId(),
    emailError: useId(),
    passwordError: useId(),
  };

  useEffect(() => {
    // A full navigation, so the first signed-in page is rendered fresh with the new cookie.
    if (state.step === 'done') window.location.assign(returnTo);
  }, [state, returnTo]);

  const restarted = restart?.from === state;
  if (state.step === 'second-factor' && !restarted) {
    return (
      <SecondFactorForm
        returnTo={returnTo}
        onRestart={(restartMessage) => setRestart({ from: state, message: restartMessage })}
      />
    );
  }

  const fieldErrors = state.step === 'password' ? (state.fieldErrors ?? {}) : {};
  const message = restarted
    ? restart.message
    : state.step === 'password'
      ? state.message
      : undefined;
  const busy = pending || state.step === 'done';

  return (
    <form
      className={styles.form}
      action={formAction}
      noValidate
      aria-describedby={message ? ids.alert : undefined}
    >
      {message && !fieldErrors.email && !fieldErrors.password ? (
        <div className={styles.alert} role="alert" id={ids.alert}>
          {message}
        </div>
      ) : null}

      <div className={styles.field}>
        <label className={styles.label} htmlFor={ids.email}>
          Email
        </label>
        <input
          id={ids.email}
          name="email"
          type="email"
          className={styles.input}
          autoComplete="username"
          defaultValue={state.email}
          required
          autoFocus
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? ids.emailError : undefined}
        />
        {fieldErrors.email ? (
          <p className={styles.fieldError} id={ids.emailError}>
            {fieldErrors.email}
          </p>
        ) : null}
      </div>

      <div className={styles.field}>
        <label className={styles.label} htmlFor={ids.password}>
          Password
        </label>
        <input
          id={ids.password}
          name="password"
          type="password"
          className={styles.input}
          autoComplete="current-password"
          required
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={fieldErrors.password ? ids.passwordError : undefined}
        />
        {fieldErrors.password ? (
          <p className={styles.fieldError} id={ids.passwordError}>
            {fieldErrors.password}
          </p>
        ) : null}
      </div>

      <Button type="submit" variant="primary" block className={styles.submit} pending={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
