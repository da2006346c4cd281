'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

import { Button } from '@/components/ui/Button';

export function SignOutButton() {
  const [pending, setPending] = useState(false);

  return (
    <Button
      variant="ghost"
      size="small"
      pending={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: '/login' });
      }}
    >
      Sign out
    </Button>
  );
}
