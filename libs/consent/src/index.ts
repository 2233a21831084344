// The consent records. The workflow (grant, revoke, escalate, expiry) is @eea/consent-gate, and customer
// approval links are @eea/consent-approval: both depend on this lib, which depends on no other domain lib.
export * from './consent-request.entity';
export * from './consent-request.repository';
export * from './consent-request.service';
export * from './consent.entity';
export * from './consent.repository';
export * from './consent-view';
export * from './consent.module';
export * from './consent-query.service';
export * from './subject-consents.repository';
