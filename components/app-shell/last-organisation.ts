export const LAST_ORGANISATION_COOKIE = 'servicebay.last-org';

/** The organisation to open: the last one viewed if the user still belongs to it, else the first. */
export function pickOrganisation<T extends { id: string }>(
  organisations: T[],
  lastViewedId: string | undefined,
): T | undefined {
  return organisations.find((org) => org.id === lastViewedId) ?? organisations[0];
}
