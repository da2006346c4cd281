import * as catchAll from '@/app/api/[...path]/route';
import * as health from '@/app/api/health/route';
import * as ready from '@/app/api/ready/route';
import * as customer from '@/app/api/v1/organisations/[orgId]/customers/[customerId]/route';
import * as customers from '@/app/api/v1/organisations/[orgId]/customers/route';

type Handler = (request: Request, segment: { params: Promise<never> }) => Promise<Response>;
type RouteModule = Partial<Record<string, unknown>>;

// The app's /api routes in Next.js's order of precedence: static segments, then dynamic ones,
// then the catch-all. `:name` is a dynamic segment, `*` the rest of the path.
const routes: [string[], RouteModule][] = [
  [['api', 'health'], health],
  [['api', 'ready'], ready],
  [['api', 'v1', 'organisations', ':orgId', 'customers'], customers],
  [['api', 'v1', 'organisations', ':orgId', 'customers', ':customerId'], customer],
  [['api', '*path'], catchAll],
];

function match(pattern: string[], segments: string[]): Record<string, unknown> | null {
  const params: Record<string, unknown> = {};
  for (const [index, part] of pattern.entries()) {
    if (part.startsWith('*')) {
      const rest = segments.slice(index);
      if (rest.length === 0) return null;
      params[part.slice(1)] = rest;
      return params;
    }
    const segment = segments[index];
    if (segment === undefined) return null;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return pattern.length === segments.length ? params : null;
}

/**
 * Sends a Request to the route module that `next start` would pick, with the params Next.js
 * would pass (decoded path segments, as Promises), and HEAD answered by GET without a body.
 * Any path and method reaches real code, which the fuzz tests need; callApi covers the
 * customers routes only.
 */
export async function sendToApi(request: Request): Promise<Response> {
  const segments = new URL(request.url).pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));

  for (const [pattern, module] of routes) {
    const params = match(pattern, segments);
    if (!params) continue;

    const method = request.method === 'HEAD' && !module.HEAD ? 'GET' : request.method;
    const handler = module[method] as Handler | undefined;
    if (!handler) throw new Error(`${request.method} is not exported by ${pattern.join('/')}`);

    const response = await handler(request, { params: Promise.resolve(params as never) });
    return request.method === 'HEAD'
      ? new Response(null, { status: response.status, headers: response.headers })
      : response;
  }
  throw new Error(`no route for ${request.url}`);
}
