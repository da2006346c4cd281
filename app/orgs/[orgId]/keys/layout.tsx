import type { ReactNode } from 'react';

import { requireMembership, requireUser } from '@/lib/auth/session';

/**
 * Checks the session and the membership before anything of the page can stream, so that a
 * redirect to sign in is a real 307 and a foreign organisation a real 404, rather than a 200
 * whose body redirects. This is also what a loading skeleton (loading.tsx) for this segment
 * would need first; there is none yet, because the page's header is rendered by the page itself
 * and a skeleton without it looked broken. The page checks again itself (cached per request).
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
