'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { EnableTwoFactor } from './EnableTwoFactor';
import { ManageTwoFactor } from './ManageTwoFactor';
import { RecoveryCodes } from './RecoveryCodes';

/**
 * Holds freshly made recovery codes above the enable and manage flows: enabling re-issues the
 * session cookie, which makes Next re-render the page as "on", and the codes must survive that
 * until the user says they are saved.
 */
export function TwoFactorControls({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          router.refresh();
        }}
      />
    );
  }
  return enabled ? (
    <ManageTwoFactor onCodes={setCodes} />
  ) : (
    <EnableTwoFactor onEnabled={setCodes} />
  );
}
