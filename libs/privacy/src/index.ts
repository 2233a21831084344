export * from './privacy.module';
export * from './retention.service';
