export * from './consent-gate.module';
export * from './consent-grant.service';
export * from './consent-revocation.service';
export * from './escalation.service';
// Receipts are signed when a consent is granted, so they live with the gate.
export * from '../receipts';
