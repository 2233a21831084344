export * from './app-config';
export * from './config.module';
export * from './policy.store';
export * from './clock';
