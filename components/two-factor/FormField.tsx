import { useId, type InputHTMLAttributes } from 'react';

import styles from '@/components/ui/dialog.module.css';

/** A labelled input with its inline error, wired for screen readers. */
export function FormField({
  label,
  error,
  ...input
}: { label: string; error?: string | null } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const errorId = useId();

  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={styles.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...input}
      />
      {error ? (
        <p className={styles.fieldError} id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The error message for one field of an action's answer, if it belongs there. */
export function errorFor(
  state: { status: string; message?: string; field?: string | null },
  field: string,
): string | null {
  return state.status === 'error' && state.field === field ? (state.message ?? null) : null;
}

/** An error that belongs to no single field. */
export function formError(state: {
  status: string;
  message?: string;
  field?: string | null;
}): string | null {
  return state.status === 'error' && !state.field ? (state.message ?? null) : null;
}

type FieldState = { status: string; message?: string; field?: string | null };

/** The form-wide error line of an action's answer, when there is one. */
export function FormErrorLine({ state }: { state: FieldState }) {
  const message = formError(state);
  return message ? (
    <p className={styles.formError} role="alert">
      {message}
    </p>
  ) : null;
}

/** The 6-digit code from the authenticator app, as every 2FA form asks for it. */
export function CodeField({ state }: { state: FieldState }) {
  return (
    <FormField
      label="Authentication code"
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      required
      error={errorFor(state, 'code')}
    />
  );
}
