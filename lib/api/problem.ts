import { logger } from '@/lib/logger';

import { ApiError, errorKinds, type ApiErrorCode } from './errors';
import { isDataException, isDatabaseUnavailable } from './database-errors';

const PROBLEM_BASE = 'https://docs.servicebay.dev/problems/';

export const apiHeaders = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

/** An RFC 9457 problem details response. */
export function problemResponse(error: ApiError): Response {
  const kind = errorKinds[error.code];
  const body = {
    type: PROBLEM_BASE + error.code.replaceAll('_', '-'),
    title: kind.title,
    status: kind.status,
    detail: error.detail,
    ...(error.options.errors ? { errors: error.options.errors } : {}),
  };

  return new Response(JSON.stringify(body), {
    status: kind.status,
    headers: {
      ...apiHeaders,
      'Content-Type': 'application/problem+json; charset=utf-8',
      ...error.options.headers,
    },
  });
}

/** Turns anything thrown by a handler into a response; unknown errors leak nothing. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;

  if (isDatabaseUnavailable(error)) {
    return new ApiError('service_unavailable', 'The database is unavailable; try again shortly.', {
      headers: { 'Retry-After': '5' },
    });
  }

  if (isDataException(error)) {
    // A 400 for the client, but a value the schemas let through is a gap in them: say so.
    logger.warn({ event: 'api.data_exception', err: error }, 'database refused a value');
    return new ApiError('bad_request', 'A value in the request cannot be stored or compared.');
  }

  return new ApiError('internal', 'An unexpected error occurred.');
}

export function problem(code: ApiErrorCode, detail: string): Response {
  return problemResponse(new ApiError(code, detail));
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return jsonTextResponse(JSON.stringify(body), init);
}

/** As jsonResponse, for a body that is JSON text already. */
export function jsonTextResponse(json: string, init: ResponseInit = {}): Response {
  return new Response(json, {
    ...init,
    headers: {
      ...apiHeaders,
      'Content-Type': 'application/json; charset=utf-8',
      ...init.headers,
    },
  });
}
