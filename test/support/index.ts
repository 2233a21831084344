export * from './signing';
export * from './test-app';
export * from './test-env';
export * from './seed';
export * from './private-redis';
export * from './wait-for';
