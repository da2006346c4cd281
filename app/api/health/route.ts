import { jsonResponse } from '@/lib/api/problem';
import { methodNotAllowed, options } from '@/lib/api/method-not-allowed';

/** GET /api/health - the process is up; touches no database, for load balancers. */
export function GET(): Response {
  return jsonResponse({ status: 'ok' });
}

const unsupported = methodNotAllowed('GET');
export { unsupported as POST, unsupported as PUT, unsupported as PATCH, unsupported as DELETE };
export const OPTIONS = options('GET');
