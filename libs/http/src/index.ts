export * from './api-error';
export * from './error.filter';
export * from './validation';
export * from './http-app';
export * from './params';
export * from './forbidden-keys';
export * from './rate-limit';
export * from './openapi-transform';
