import { checkDatabase } from '@/db/health';
import { ApiError } from '@/lib/api/errors';
import { jsonResponse, problemResponse } from '@/lib/api/problem';
import { methodNotAllowed, options } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * GET /api/ready - 200 when the database answers; 503 problem details with Retry-After when it
 * does not.
 */
export async function GET(): Promise<Response> {
  const ready = await checkDatabase();
  if (ready) return jsonResponse({ status: 'ready', database: 'ok' });

  return problemResponse(
    new ApiError('service_unavailable', 'The database is not reachable.', {
      headers: { 'Retry-After': '5' },
    }),
  );
}

const unsupported = methodNotAllowed('GET');
export { unsupported as POST, unsupported as PUT, unsupported as PATCH, unsupported as DELETE };
export const OPTIONS = options('GET');
