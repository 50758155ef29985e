export * from './tenancy';
export * from './users';
export * from './auth';
export * from './audit';
export * from './outbox';
export * from './settings';
export * from './referrals';
export * from './triage';
