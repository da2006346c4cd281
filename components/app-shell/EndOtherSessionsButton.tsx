'use client';

import { useActionState } from 'react';

import { endOtherSessionsAction, type AccountActionState } from '@/app/account/actions';
import styles from '@/components/account/account.module.css';
import { Button } from '@/components/ui/Button';

/** Ends every session of the account except this browser's. */
export function EndOtherSessionsButton() {
  const [state, action, pending] = useActionState<AccountActionState>(endOtherSessionsAction, {
    status: 'idle',
  });

  return (
    <form action={action} className={styles.row}>
      <Button type="submit" variant="danger" pending={pending}>
        Sign out of all other sessions
      </Button>
      {state.status !== 'idle' ? (
        <p className={styles.done} role="status">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
