import { z } from 'zod';

import type { Database } from '@/db/client';
import { findOrganisation, insertOrganisation, upsertMembership } from '@/db/queries/organisations';
import { findUserByEmail } from '@/db/queries/users';
import { membershipRoles } from '@/db/schema';
import { AccountError, createUser } from '@/lib/accounts/create-user';

export class CliError extends Error {
  override name = 'CliError';
}

export interface CommandResult {
  record: Record<string, unknown>;
  message: string;
}

type Options = Record<string, string | undefined>;

function required(options: Options, name: string): string {
  const value = options[name]?.trim();
  if (!value) throw new CliError(`--${name} is required.`);
  return value;
}

async function createOrg(db: Database, options: Options): Promise<CommandResult> {
  const name = required(options, 'name');
  if (name.length > 100) throw new CliError('--name must be at most 100 characters.');

  const org = await insertOrganisation(db, name);
  return { record: { id: org.id, name: org.name }, message: `Created organisation "${name}".` };
}

async function createUserCommand(db: Database, options: Options): Promise<CommandResult> {
  try {
    const user = await createUser(db, {
      email: required(options, 'email'),
      password: required(options, 'password'),
      name: options.name ?? null,
    });
    return { record: user, message: `Created user ${user.email}.` };
  } catch (error) {
    if (error instanceof AccountError) throw new CliError(error.message);
    throw error;
  }
}

async function addMember(db: Database, options: Options): Promise<CommandResult> {
  const orgId = required(options, 'org');
  const email = required(options, 'email');
  const role = z.enum(membershipRoles).safeParse(required(options, 'role'));
  if (!role.success) throw new CliError('--role must be admin or member.');

  const org = z.uuid().safeParse(orgId).success ? await findOrganisation(db, orgId) : null;
  if (!org) throw new CliError(`No organisation with id ${orgId}.`);

  const user = await findUserByEmail(db, email);
  if (!user) throw new CliError(`No user with email ${email}. Create it with create-user first.`);

  const membership = await upsertMembership(db, {
    organisationId: org.id,
    userId: user.id,
    role: role.data,
  });
  return {
    record: {
      id: `${org.id}:${user.id}`,
      organisation_id: org.id,
      user_id: user.id,
      role: membership.role,
    },
    message: `${user.email} is now ${role.data} of "${org.name}".`,
  };
}

export const commands = {
  'create-org': createOrg,
  'create-user': createUserCommand,
  'add-member': addMember,
} as const;

export type CommandName = keyof typeof commands;

export function isCommandName(value: string | undefined): value is CommandName {
  return value !== undefined && Object.hasOwn(commands, value);
}
