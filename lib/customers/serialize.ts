import type { CustomerRow } from '@/db/schema';

import type { CustomerOutput } from './schemas';
import { isoFromPostgres } from './timestamps';

/**
 * The public JSON of a customer. Fields are copied one by one, so nothing internal (such as the
 * organisation id) can reach a client; the return type is the output schema's. This runs for
 * every row of every list, so it does not re-validate through zod (the bench showed that cost).
 */
export function serializeCustomer(customer: CustomerRow): CustomerOutput {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    metadata: customer.metadata,
    created_at: isoFromPostgres(customer.createdAt),
    updated_at: isoFromPostgres(customer.updatedAt),
  };
}
