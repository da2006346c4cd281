import { z } from 'zod';

export const KEY_NAME_MAX_LENGTH = 64;

/** A key's name: trimmed, 1 to 64 characters, printable. Shared by the route and the form. */
export const keyNameSchema = z
  .string({ error: 'Enter a name for the key.' })
  .trim()
  .min(1, 'Enter a name for the key.')
  .refine((name) => [...name].length <= KEY_NAME_MAX_LENGTH, {
    message: `Use at most ${KEY_NAME_MAX_LENGTH} characters.`,
  })
  .refine((name) => !/\p{Cc}/u.test(name), { message: 'Use printable characters only.' });

export const createKeyBodySchema = z.strictObject({ name: keyNameSchema });

export type CreateKeyBody = z.infer<typeof createKeyBodySchema>;
