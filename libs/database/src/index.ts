export * from './database.module';
export * from './ensure-database';
export * from './migrate';
export * from './sql';
export * from './group-commit';
