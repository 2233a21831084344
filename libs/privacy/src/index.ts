export * from './privacy.module';
export * from './pseudonyms';
export * from './retention.service';
export * from './privacy-request.service';
export * from './subject-export';
