export * from './signing-keys';
export * from './signing.module';
export * from './signing.service';
export * from './verify-jws';
