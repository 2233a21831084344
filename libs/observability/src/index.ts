export * from './logging.module';
export * from './metrics';
export * from './observability.module';
export * from './metrics-server';
export * from './http-metrics';
export * from './startup-noise.logger';
