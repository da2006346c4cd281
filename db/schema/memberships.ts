import { index, pgEnum, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';

import { createdAt } from './columns';
import { organisations } from './organisations';
import { users } from './users';

export const membershipRoles = ['admin', 'member'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export const membershipRole = pgEnum('membership_role', membershipRoles);

export const memberships = pgTable(
  'memberships',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: membershipRole('role').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.organisationId, table.userId] }),
    index('memberships_user_idx').on(table.userId),
  ],
);

export type Membership = typeof memberships.$inferSelect;
