import { z } from 'zod';

import type { Database } from '@/db/client';
import { isUniqueViolation } from '@/lib/api/database-errors';
import { findUserByEmail, insertUser } from '@/db/queries/users';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-policy';

export class AccountError extends Error {
  override name = 'AccountError';
}

const emailSchema = z.email();

/** The one path that creates accounts (CLI, demo data, tests), so every rule applies to all. */
export async function createUser(
  db: Database,
  input: { email: string; password: string; name?: string | null },
) {
  const email = input.email.trim();
  if (!emailSchema.safeParse(email).success)
    throw new AccountError(`Not an email address: ${email}`);

  // The address and its parts are the first things a guesser tries for this account.
  const local = email.split('@')[0]?.split('+')[0] ?? '';
  const problem = passwordProblem(input.password, [email, local, ...local.split(/[^\p{L}\d]+/u)]);
  if (problem) throw new AccountError(problem);

  if (await findUserByEmail(db, email)) {
    throw new AccountError(`A user with the email ${email.toLowerCase()} already exists.`);
  }

  const passwordHash = await hashPassword(input.password);
  try {
    return await insertUser(db, { email, name: input.name?.trim() || null, passwordHash });
  } catch (error) {
    // Two concurrent creations of the same address: the unique index decides.
    if (isUniqueViolation(error, 'users_email_lower_unique')) {
      throw new AccountError(`A user with the email ${email.toLowerCase()} already exists.`);
    }
    throw error;
  }
}
