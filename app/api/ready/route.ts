import { checkDatabase } from '@/db/health';
import { jsonResponse } from '@/lib/api/problem';
import { methodNotAllowed, options } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** GET /api/ready - 200 when the database answers, 503 with Retry-After when it does not. */
export async function GET(): Promise<Response> {
  const ready = await checkDatabase();
  if (ready) return jsonResponse({ status: 'ready', database: 'ok' });

  return jsonResponse(
    { status: 'unavailable', database: 'unreachable' },
    { status: 503, headers: { 'Retry-After': '5' } },
  );
}

const unsupported = methodNotAllowed('GET');
export { unsupported as POST, unsupported as PUT, unsupported as PATCH, unsupported as DELETE };
export const OPTIONS = options('GET');
