import type { ActiveKey } from '@/db/queries/api-keys';
import { hashApiKey, isWellFormedApiKey } from '@/lib/api-keys/format';
import { getKeyLookup, type KeyLookup } from '@/lib/api-keys/key-lookup';

import { ApiError } from './errors';

const CHALLENGE = { 'WWW-Authenticate': 'ApiKey header="X-API-Key"' };

function unauthorized(detail: string): ApiError {
  return new ApiError('unauthorized', detail, { headers: CHALLENGE });
}

/**
 * Resolves the X-API-Key header to an active key. The format is checked before any lookup, and
 * an unknown key and a revoked key get the very same answer. `lookup` is this instance's key
 * cache and database; tests pass their own to act as a second instance.
 */
export async function authenticateKey(request: Request, lookup?: KeyLookup): Promise<ActiveKey> {
  const header = request.headers.get('x-api-key');
  if (header === null || header === '') {
    throw unauthorized('Send your API key in the X-API-Key header.');
  }
  if (!isWellFormedApiKey(header)) {
    throw unauthorized('The X-API-Key header is not a valid API key.');
  }

  const key = await (lookup ?? (await getKeyLookup())).find(hashApiKey(header));
  if (!key) throw unauthorized('The API key is invalid or has been revoked.');

  return key;
}

/** A key acts on its own organisation only; whether another one exists is not revealed. */
export function assertOrganisation(key: ActiveKey, orgId: string): void {
  if (key.organisationId !== orgId) {
    throw new ApiError('forbidden', 'This API key does not grant access to that organisation.');
  }
}
