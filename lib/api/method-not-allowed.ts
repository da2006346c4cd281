import { ApiError } from './errors';
import { apiHeaders, problemResponse } from './problem';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// HEAD comes with GET (Next.js answers it from the GET handler), OPTIONS with every route.
function allowHeader(allowed: readonly Method[]): string {
  const methods = allowed.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
  return [...methods, 'OPTIONS'].join(', ');
}

/**
 * A handler for the methods a route does not support. Without it Next.js answers 405 with an
 * empty body and no Allow header; with it the client gets problem details naming the methods.
 */
export function methodNotAllowed(...allowed: Method[]): (request: Request) => Response {
  const allow = allowHeader(allowed);
  return (request) =>
    problemResponse(
      new ApiError('method_not_allowed', `${request.method} is not supported here; use ${allow}.`, {
        headers: { Allow: allow },
      }),
    );
}

/** OPTIONS: the methods of the route, and the same caching rules as every API response. */
export function options(...allowed: Method[]): () => Response {
  const allow = allowHeader(allowed);
  return () => new Response(null, { status: 204, headers: { ...apiHeaders, Allow: allow } });
}
