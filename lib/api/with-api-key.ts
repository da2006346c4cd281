import { lastUsed } from '@/lib/api-keys/last-used';
import { logger } from '@/lib/logger';
import { consumeKeyQuota } from '@/lib/rate-limit/api-limits';
import { authenticateWithLimits } from '@/lib/rate-limit/authenticate-with-limits';
import { clientAddress } from '@/lib/rate-limit/client-address';

import { assertOrganisation } from './authenticate-key';
import { withDeadline } from './deadline';
import { apiHeaders, problemResponse, toApiError } from './problem';
import { requestIdFrom, routeOf } from './request-context';

type OrgParams = { orgId: string };

export interface ApiContext<P extends OrgParams> {
  request: Request;
  params: P;
  orgId: string;
  keyId: string;
}

type Handler<P extends OrgParams> = (context: ApiContext<P>) => Promise<Response>;
type RouteHandler<P> = (request: Request, segment: { params: Promise<P> }) => Promise<Response>;

interface LogFields {
  requestId: string;
  route: string;
  method: string;
  orgId?: string;
  keyId?: string;
}

function logRequest(fields: LogFields, status: number, startedAt: number, error?: unknown) {
  const entry = {
    event: 'api.request',
    request_id: fields.requestId,
    method: fields.method,
    route: fields.route,
    organisation_id: fields.orgId ?? null,
    key_id: fields.keyId ?? null,
    status,
    duration_ms: Math.round((performance.now() - startedAt) * 100) / 100,
  };

  if (status >= 500) logger.error({ ...entry, err: error }, 'api request failed');
  else logger.info(entry, 'api request');
}

/**
 * The one guard in front of every /api/v1 route: authenticates the X-API-Key header, checks the
 * path's organisation, runs the handler, maps errors to problem details and logs one line.
 */
export function withApiKey<P extends OrgParams>(handler: Handler<P>): RouteHandler<P> {
  return async (request, segment) => {
    const startedAt = performance.now();
    const fields: LogFields = {
      requestId: requestIdFrom(request),
      route: routeOf(request),
      method: request.method,
    };

    let response: Response;
    let failure: unknown;
    let quota: Record<string, string> = {};
    try {
      response = await withDeadline(
        (async () => {
          const key = await authenticateWithLimits(request, clientAddress(request));
          fields.keyId = key.id;
          fields.orgId = key.organisationId;
          quota = await consumeKeyQuota(key.id);

          const params = await segment.params;
          assertOrganisation(key, params.orgId);
          lastUsed.touch(key.id);

          return handler({ request, params, orgId: key.organisationId, keyId: key.id });
        })(),
      );
    } catch (error) {
      failure = error;
      response = problemResponse(toApiError(error));
    }

    response.headers.set('X-Request-Id', fields.requestId);
    // Handlers build their responses in several ways (204 has no body); these hold for all.
    for (const [name, value] of Object.entries(apiHeaders)) response.headers.set(name, value);
    for (const [name, value] of Object.entries(quota)) response.headers.set(name, value);
    logRequest(fields, response.status, startedAt, failure);
    return response;
  };
}
