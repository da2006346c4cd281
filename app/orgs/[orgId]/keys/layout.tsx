import type { ReactNode } from 'react';

import { requireMembership, requireUser } from '@/lib/auth/session';

/**
 * Checks the session and the membership before the page's loading skeleton (loading.tsx) can
 * stream: a redirect to sign in is then a real 307 and a foreign organisation a real 404,
 * rather than a 200 whose body redirects. The page checks again itself (cached per request).
 */
export default async function KeysLayout({
  params,
  children,
}: {
  params: Promise<{ orgId: string }>;
  children: ReactNode;
}) {
  const { orgId } = await params;
  await requireMembership(await requireUser(`/orgs/${orgId}/keys`), orgId);
  return children;
}
