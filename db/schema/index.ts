export * from './api-keys';
export * from './audit-events';
export * from './customers';
export * from './memberships';
export * from './organisations';
export * from './revoked-sessions';
export * from './two-factor';
export * from './users';
