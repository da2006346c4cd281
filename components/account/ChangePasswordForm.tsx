'use client';

import { useActionState, useId } from 'react';

import { changePasswordAction, type AccountActionState } from '@/app/account/actions';
import field from '@/components/auth/login.module.css';
import { Button } from '@/components/ui/Button';

import styles from './account.module.css';

function PasswordField({
  name,
  label,
  autoComplete,
  error,
}: {
  name: string;
  label: string;
  autoComplete: string;
  error: string | undefined;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={field.field}>
      <label className={field.label} htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="password"
        className={field.input}
        autoComplete={autoComplete}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error ? (
        <p className={field.fieldError} id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Current and new password; a change ends every other session of the account. */
export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<AccountActionState, FormData>(
    changePasswordAction,
    { status: 'idle' },
  );
  const errors = state.status === 'error' ? state.fieldErrors : {};

  return (
    <form action={action} className={styles.form} noValidate aria-label="Change password">
      {state.status === 'error' && !errors.currentPassword && !errors.newPassword ? (
        <div className={field.alert} role="alert">
          {state.message}
        </div>
      ) : null}
      <PasswordField
        name="currentPassword"
        label="Current password"
        autoComplete="current-password"
        error={errors.currentPassword}
      />
      <PasswordField
        name="newPassword"
        label="New password"
        autoComplete="new-password"
        error={errors.newPassword}
      />
      <div>
        <Button type="submit" variant="primary" pending={pending}>
          Change password
        </Button>
      </div>
      {state.status === 'done' ? (
        <p className={styles.done} role="status">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
