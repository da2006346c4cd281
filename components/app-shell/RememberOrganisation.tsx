'use client';

import { useEffect } from 'react';

import { LAST_ORGANISATION_COOKIE } from './last-organisation';

/** Notes the organisation being viewed, so the next sign-in lands on it again. Not a secret. */
export function RememberOrganisation({ id }: { id: string }) {
  useEffect(() => {
    const maxAge = 365 * 24 * 60 * 60;
    document.cookie = `${LAST_ORGANISATION_COOKIE}=${id}; path=/; max-age=${maxAge}; samesite=lax`;
  }, [id]);
  return null;
}
