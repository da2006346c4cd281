'use client';

import { useActionState, useState } from 'react';

import { Button } from '@/components/ui/Button';
import dialog from '@/components/ui/dialog.module.css';
import { confirmEnrolmentAction, startEnrolmentAction } from '@/app/account/security/actions';

import { idle, type EnrolmentView } from './action-state';
import { CodeField, FormErrorLine, FormField, errorFor } from './FormField';
import styles from './two-factor.module.css';
import { useCodesAction } from './use-codes-action';

/** Scan (or type) the new secret, then prove it works with a code. 2FA is off until then. */
function ConfirmStep({
  enrolment,
  onEnabled,
}: {
  enrolment: EnrolmentView;
  onEnabled: (codes: string[]) => void;
}) {
  const [state, action, pending] = useCodesAction(confirmEnrolmentAction, onEnabled);

  return (
    <div className={styles.setup}>
      {/* A data URL made on the server: next/image adds nothing for it. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        className={styles.qr}
        src={enrolment.qrDataUrl}
        alt="QR code to scan with your authenticator app"
      />
      <form action={action} className={styles.form} noValidate>
        <p className={styles.muted}>
          Scan the QR code with an authenticator app, or enter the secret key by hand. Then enter
          the 6-digit code the app shows.
        </p>
        <FormField
          label="Secret key"
          value={enrolment.groupedSecret}
          readOnly
          spellCheck={false}
          className={`${dialog.input} ${styles.secretInput}`}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CodeField state={state} />
        <FormErrorLine state={state} />
        <div>
          <Button type="submit" variant="primary" pending={pending}>
            Turn on two-factor authentication
          </Button>
        </div>
      </form>
    </div>
  );
}

/** The enable flow: password, then secret and code; the caller shows the recovery codes. */
export function EnableTwoFactor({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(startEnrolmentAction, idle);

  if (state.status === 'ok') {
    return <ConfirmStep enrolment={state.enrolment} onEnabled={onEnabled} />;
  }

  if (!open) {
    return (
      <div className={styles.actions}>
        <Button variant="primary" onClick={() => setOpen(true)}>
          Enable two-factor authentication
        </Button>
      </div>
    );
  }

  return (
    <form action={action} className={styles.form} noValidate>
      <FormField
        label="Current password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        error={errorFor(state, 'password')}
      />
      <FormErrorLine state={state} />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" pending={pending}>
          Continue
        </Button>
        <Button onClick={() => setOpen(false)}>Cancel</Button>
      </div>
    </form>
  );
}
