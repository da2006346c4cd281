import {
  GET as getCustomer,
  DELETE,
  PATCH,
} from '@/app/api/v1/organisations/[orgId]/customers/[customerId]/route';
import { GET as listCustomers, POST } from '@/app/api/v1/organisations/[orgId]/customers/route';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: string;
}

/**
 * Calls the real route handlers in-process with a real Request, the way Next.js does, so API
 * tests run against the database without a server.
 */
export async function callApi(method: Method, path: string, options: CallOptions = {}) {
  const url = new URL(`http://localhost${path}${options.query ? `?${options.query}` : ''}`);
  const segments = url.pathname.split('/').filter(Boolean);
  // /api/v1/organisations/{orgId}/customers[/{customerId}]
  const orgId = segments[3] ?? '';
  const customerId = segments[5];

  const headers = new Headers(options.headers);
  if (options.key) headers.set('x-api-key', options.key);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }

  const request = new Request(url, { method, headers, body });
  const response = await dispatch(method, request, orgId, customerId);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : null,
  };
}

function dispatch(method: Method, request: Request, orgId: string, customerId?: string) {
  if (customerId === undefined) {
    const params = Promise.resolve({ orgId });
    if (method === 'GET') return listCustomers(request, { params });
    if (method === 'POST') return POST(request, { params });
    throw new Error(`${method} is not routed for the collection`);
  }

  const params = Promise.resolve({ orgId, customerId });
  if (method === 'GET') return getCustomer(request, { params });
  if (method === 'PATCH') return PATCH(request, { params });
  return DELETE(request, { params });
}
