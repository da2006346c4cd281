// The audit trail's vocabulary; stored as text so new actions need no migration.
export const auditActions = {
  apiKeyCreated: 'api_key.created',
  apiKeyRevoked: 'api_key.revoked',
} as const;
