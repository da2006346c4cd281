import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

import { AppShell } from '@/components/app-shell/AppShell';
import {
  LAST_ORGANISATION_COOKIE,
  pickOrganisation,
} from '@/components/app-shell/last-organisation';
import { NoOrganisations } from '@/components/app-shell/NoOrganisations';
import { getDb } from '@/db/client';
import { listUserOrganisations } from '@/db/queries/organisations';
import { getSessionUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Home' };

/** `/`: the keys page of the last used (or first) organisation, or sign-in. */
export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect('/login');

  const organisations = await listUserOrganisations(await getDb(), user.id);
  const lastViewed = (await cookies()).get(LAST_ORGANISATION_COOKIE)?.value;
  const target = pickOrganisation(organisations, lastViewed);
  if (target) redirect(`/orgs/${target.id}/keys`);

  return (
    <AppShell email={user.email} organisations={[]}>
      <NoOrganisations email={user.email} />
    </AppShell>
  );
}
