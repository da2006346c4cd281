// The audit trail's vocabulary; stored as text so new actions need no migration. The two-factor
// work records its own `two_factor.*` actions in the same table.
export const auditActions = {
  apiKeyCreated: 'api_key.created',
  apiKeyRevoked: 'api_key.revoked',
  memberAdded: 'member.added',
  memberRoleChanged: 'member.role_changed',
  signInSucceeded: 'sign_in.succeeded',
  signInFailed: 'sign_in.failed',
  passwordChanged: 'password.changed',
  passwordRecheckFailed: 'password.recheck_failed',
  sessionsEnded: 'sessions.ended',
} as const;

const labels: Record<string, string> = {
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'member.added': 'Member added',
  'member.role_changed': 'Member role changed',
  'sign_in.succeeded': 'Signed in',
  'sign_in.failed': 'Sign-in failed',
  'password.changed': 'Password changed',
  'password.recheck_failed': 'Wrong password when confirming a change',
  'sessions.ended': 'Signed out of other sessions',
  'two_factor.enabled': 'Two-factor authentication enabled',
  'two_factor.disabled': 'Two-factor authentication disabled',
  'two_factor.recovery_codes_regenerated': 'Recovery codes replaced',
  'two_factor.locked': 'Two-factor authentication locked after failed codes',
};

/** A readable name for any stored action, including ones this list does not know yet. */
export function actionLabel(action: string): string {
  const known = labels[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
