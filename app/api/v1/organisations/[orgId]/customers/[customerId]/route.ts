import { jsonResponse } from '@/lib/api/problem';
import { readJsonBody } from '@/lib/api/read-json-body';
import { withApiKey } from '@/lib/api/with-api-key';
import { updateCustomerSchema } from '@/lib/customers/schemas';
import { deleteCustomer, getCustomer, updateCustomer } from '@/lib/customers/service';
import { methodNotAllowed, options } from '@/lib/api/method-not-allowed';

type Params = { orgId: string; customerId: string };

/** GET /api/v1/organisations/{orgId}/customers/{customerId} - one customer. */
export const GET = withApiKey<Params>(async ({ orgId, params }) => {
  return jsonResponse(await getCustomer(orgId, params.customerId));
});

/** PATCH /api/v1/organisations/{orgId}/customers/{customerId} - change some fields. */
export const PATCH = withApiKey<Params>(async ({ request, orgId, params }) => {
  const changes = await readJsonBody(request, updateCustomerSchema);
  return jsonResponse(await updateCustomer(orgId, params.customerId, changes));
});

/** DELETE /api/v1/organisations/{orgId}/customers/{customerId} - delete a customer. */
export const DELETE = withApiKey<Params>(async ({ orgId, params }) => {
  await deleteCustomer(orgId, params.customerId);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});

// Every other method: 405 problem details with Allow, instead of Next.js's empty 405.
const unsupported = methodNotAllowed('GET', 'PATCH', 'DELETE');
export { unsupported as POST, unsupported as PUT };
export const OPTIONS = options('GET', 'PATCH', 'DELETE');
