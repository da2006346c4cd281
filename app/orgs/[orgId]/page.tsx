import { redirect } from 'next/navigation';

/** /orgs/{orgId} has one section today: its API keys. */
export default async function OrganisationPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  redirect(`/orgs/${encodeURIComponent(orgId)}/keys`);
}
