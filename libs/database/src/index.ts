export * from './database.module';
export * from './ensure-database';
export * from './migrate';
export * from './query-returning';
export * from './prepared-statement';
export * from './sql';
export * from './group-commit';
