export * from './consent-gate.module';
export * from './consent-grant.service';
export * from './consent-revocation.service';
export * from './escalation.service';
