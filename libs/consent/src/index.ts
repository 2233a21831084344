// The gate (grant, revoke, escalate) is exported from ./gate, not here: it depends on @eea/routing,
// which itself reads consents through this index.
export * from './consent-lookup';
export * from './consent-request.entity';
export * from './consent-request.service';
export * from './consent.entity';
export * from './consent-expiry.service';
export * from './consent-scope';
export * from './consent-view';
export * from './consent.module';
export * from './consent-grant-rules';
export * from './consent-query.service';
export * from './subject-consents.repository';
