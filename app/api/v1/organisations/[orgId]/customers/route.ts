import { jsonResponse, jsonTextResponse } from '@/lib/api/problem';
import { parseQuery } from '@/lib/api/validation';
import { readJsonBody } from '@/lib/api/read-json-body';
import { withApiKey } from '@/lib/api/with-api-key';
import { createCustomerSchema, listCustomersQuerySchema } from '@/lib/customers/schemas';
import { createCustomer, listCustomersJson } from '@/lib/customers/service';
import { methodNotAllowed, options } from '@/lib/api/method-not-allowed';

/** GET /api/v1/organisations/{orgId}/customers - one page of customers, newest first. */
export const GET = withApiKey(async ({ request, orgId }) => {
  const query = parseQuery(listCustomersQuerySchema, request);
  return jsonTextResponse(await listCustomersJson(orgId, query.limit, query.cursor));
});

/** POST /api/v1/organisations/{orgId}/customers - create a customer. */
export const POST = withApiKey(async ({ request, orgId }) => {
  const input = await readJsonBody(request, createCustomerSchema);
  const customer = await createCustomer(orgId, input);

  const location = `/api/v1/organisations/${orgId}/customers/${customer.id}`;
  return jsonResponse(customer, { status: 201, headers: { Location: location } });
});

// Every other method: 405 problem details with Allow, instead of Next.js's empty 405.
const unsupported = methodNotAllowed('GET', 'POST');
export { unsupported as PUT, unsupported as PATCH, unsupported as DELETE };
export const OPTIONS = options('GET', 'POST');
