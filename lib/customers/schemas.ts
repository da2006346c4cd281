import { z } from 'zod';

export const METADATA_MAX_KEYS = 50;

// PostgreSQL stores neither a NUL character nor half of a surrogate pair (text and jsonb refuse
// them), so they are a 422 here instead of a failed insert.
function storable(text: z.ZodString): z.ZodString {
  return text
    .refine((value) => !value.includes('\u0000'), 'Must not contain a NUL character.')
    .refine((value) => value.isWellFormed(), 'Must be well-formed Unicode text.');
}

const name = storable(z.string())
  .trim()
  .min(1, 'Name is required.')
  .max(200, 'At most 200 characters.');
const email = z.email('Must be an email address.').max(320).nullable();
const phone = z
  .string()
  .trim()
  .max(32, 'At most 32 characters.')
  .regex(/^\+?[0-9 ().-]{3,32}$/, 'Digits, spaces and + ( ) . - only.')
  .nullable();
const metadata = z
  .record(
    storable(z.string())
      .min(1, 'Keys must not be empty.')
      .max(40, 'Keys are at most 40 characters.'),
    storable(z.string()).max(500, 'Values are at most 500 characters.'),
  )
  .refine((value) => Object.keys(value).length <= METADATA_MAX_KEYS, {
    message: `At most ${METADATA_MAX_KEYS} keys.`,
  });

// One base shape; create and update are derived from it. `strict` turns unknown fields (and
// attempts to set id, organisation or timestamps) into a 422 that names them.
const customerFields = z.object({ name, email, phone, metadata });

export const createCustomerSchema = customerFields
  .extend({
    email: email.optional().default(null),
    phone: phone.optional().default(null),
    metadata: metadata.optional().default({}),
  })
  .strict();

export const updateCustomerSchema = customerFields
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, {
    message: 'Send at least one of name, email, phone, metadata.',
  });

export type CreateCustomerInput = z.infer<typeof createCustomerSchema>;
export type UpdateCustomerInput = z.infer<typeof updateCustomerSchema>;

export const listCustomersQuerySchema = z
  .object({
    limit: z.coerce
      .number({ error: 'Must be a whole number.' })
      .int('Must be a whole number.')
      .min(1, 'Must be at least 1.')
      .max(100, 'Must be at most 100.')
      .default(20),
    cursor: z.string().max(200, 'Not a valid cursor.').optional(),
  })
  .strict();

/** The public JSON of a customer: snake_case, ISO 8601 times, nothing internal. */
export const customerOutputSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});

export type CustomerOutput = z.infer<typeof customerOutputSchema>;
