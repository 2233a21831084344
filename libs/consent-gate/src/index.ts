export * from './consent-gate.module';
export * from './consent-expiry.service';
export * from './consent-grant-rules';
export * from './consent-grant.service';
export * from './consent-list.service';
export * from './consent-revocation.service';
export * from './escalation.service';
// Receipts are signed when a consent is granted, inside the granting transaction, so they live with the gate.
export * from './receipts';
