import { ApiError } from '@/lib/api/errors';
import { problemResponse, toApiError } from '@/lib/api/problem';
import { requestIdFrom, routeOf } from '@/lib/api/request-context';
import type { MembershipRole } from '@/db/schema';
import { logger } from '@/lib/logger';

import { isSameOrigin } from './same-origin';
import { findAccess, userFromRequest, type OrganisationAccess, type SessionUser } from './session';

type OrgParams = { orgId: string };

export interface SessionContext<P extends OrgParams> {
  request: Request;
  params: P;
  user: SessionUser;
  access: OrganisationAccess;
}

type Handler<P extends OrgParams> = (context: SessionContext<P>) => Promise<Response>;
type RouteHandler<P> = (request: Request, segment: { params: Promise<P> }) => Promise<Response>;

async function authorise(request: Request, orgId: string, role: MembershipRole | undefined) {
  const user = await userFromRequest(request);
  if (!user) throw new ApiError('unauthorized', 'Sign in to manage API keys.');

  if (!isSameOrigin(request)) {
    throw new ApiError('forbidden', 'Cross-origin requests are not accepted.');
  }

  const access = await findAccess(user.id, orgId);
  if (!access) throw new ApiError('not_found', 'No such organisation.');

  if (role === 'admin' && access.role !== 'admin') {
    throw new ApiError('forbidden', 'Only organisation admins can do this.');
  }
  return { user, access };
}

/**
 * The guard for the portal's own route handlers (called by the browser with the session
 * cookie): 401 without a valid session, 403 for a cross-origin request, 404 for a user outside
 * the organisation, 403 for a role that may not act. The role is read from the database on
 * every call, so a demoted admin loses the right at once.
 */
export function withSession<P extends OrgParams>(
  options: { role?: MembershipRole },
  handler: Handler<P>,
): RouteHandler<P> {
  return async (request, segment) => {
    const startedAt = performance.now();
    const requestId = requestIdFrom(request);
    let userId: string | undefined;
    let failure: unknown;
    let response: Response;

    try {
      const params = await segment.params;
      const { user, access } = await authorise(request, params.orgId, options.role);
      userId = user.id;
      response = await handler({ request, params, user, access });
    } catch (error) {
      failure = error;
      response = problemResponse(toApiError(error));
    }

    response.headers.set('X-Request-Id', requestId);
    const entry = {
      event: 'portal.request',
      request_id: requestId,
      method: request.method,
      route: routeOf(request),
      user_id: userId ?? null,
      status: response.status,
      duration_ms: Math.round(performance.now() - startedAt),
    };
    if (response.status >= 500) logger.error({ ...entry, err: failure }, 'portal request failed');
    else logger.info(entry, 'portal request');
    return response;
  };
}
