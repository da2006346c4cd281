import type { Customer } from '@/db/schema';

import { customerOutputSchema, type CustomerOutput } from './schemas';

export function serializeCustomer(customer: Customer): CustomerOutput {
  // Parsing through the output schema strips anything not meant for clients (organisation id).
  return customerOutputSchema.parse({
    id: customer.id,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    metadata: customer.metadata,
    created_at: customer.createdAt.toISOString(),
    updated_at: customer.updatedAt.toISOString(),
  });
}
