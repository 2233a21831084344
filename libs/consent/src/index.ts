export * from './consent-lookup';
export * from './consent-request.entity';
export * from './consent.entity';
export * from './consent-expiry.service';
export * from './consent-scope';
export * from './consent.module';
