import { jsonResponse } from '@/lib/api/problem';

/** GET /api/health - the process is up; touches no database, for load balancers. */
export function GET(): Response {
  return jsonResponse({ status: 'ok' });
}
