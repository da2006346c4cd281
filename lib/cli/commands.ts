import { z } from 'zod';

import type { Database } from '@/db/client';
import {
  findMembership,
  findOrganisation,
  insertOrganisation,
  upsertMembership,
} from '@/db/queries/organisations';
import { findUserByEmail } from '@/db/queries/users';
import { membershipRoles, type MembershipRole } from '@/db/schema';
import { AccountError, createUser } from '@/lib/accounts/create-user';
import { auditActions } from '@/lib/audit/actions';
import { recordAuditEvent } from '@/lib/audit/record';

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

/** The audit entry of a new member or a changed role; the actor is the operator (no account). */
async function recordMembershipChange(
  db: Database,
  organisationId: string,
  user: { id: string; email: string },
  before: { role: MembershipRole } | null,
  role: MembershipRole,
) {
  const details = { user_id: user.id, email: user.email, role };
  await recordAuditEvent(db, {
    action: before ? auditActions.memberRoleChanged : auditActions.memberAdded,
    actorUserId: null,
    organisationId,
    details: before ? { ...details, previous_role: before.role } : details,
    client: { clientAddress: null, userAgent: 'servicebay CLI' },
  });
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

  const membership = await db.transaction(async (tx) => {
    const before = await findMembership(tx, org.id, user.id);
    const row = await upsertMembership(tx, {
      organisationId: org.id,
      userId: user.id,
      role: role.data,
    });
    if (before?.role !== row.role) await recordMembershipChange(tx, org.id, user, before, row.role);
    return row;
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
