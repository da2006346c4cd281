import type { ActiveKey } from '@/db/queries/api-keys';
import { authenticateKey } from '@/lib/api/authenticate-key';
import { ApiError } from '@/lib/api/errors';

import { assertAddressMayTryKeys, recordFailedKeyCheck } from './api-limits';

/**
 * The key check with the guessing limit around it: an address that failed too many checks is
 * refused before any lookup, and every 401 counts against the address.
 */
export async function authenticateWithLimits(
  request: Request,
  address: string,
): Promise<ActiveKey> {
  await assertAddressMayTryKeys(address);

  try {
    return await authenticateKey(request);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'unauthorized') {
      await recordFailedKeyCheck(address);
    }
    throw error;
  }
}
