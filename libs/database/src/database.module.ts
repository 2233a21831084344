import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '@eea/config';
import { ensureDatabase } from './ensure-database';
import { runMigrationsLocked } from './migrate';
import { MIGRATIONS } from './migrations';

/** Our own start-up switch rides along with the TypeORM options into the data source factory. */
type StartupOptions = DataSourceOptions & { url: string; migrateOnStart: boolean; autoLoadEntities: boolean };

/**
 * The data source's options. Statements run as SQL through `run` (`sql.ts`), so a program that only runs
 * repositories (the CLIs) needs no entity; the service's entities are each registered by the module of
 * the lib that owns the table (`TypeOrmModule.forFeature`), which `autoLoadEntities` collects.
 */
export function dataSourceOptions(config: AppConfig): DataSourceOptions & { url: string } {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    // Fail fast when PostgreSQL is down so that callers answer 503 instead of hanging. Idle connections
    // are kept for 5 minutes (pg's default is 10 s): a burst after a quiet spell would otherwise pay for
    // a new backend per connection (fork, catalog caches, every prepared statement planned again) just
    // when it can least afford it.
    extra: { max: config.DB_POOL_SIZE, connectionTimeoutMillis: 2_000, query_timeout: 10_000, idleTimeoutMillis: 300_000 },
  };
}

/** Creates the database when missing, migrates (unless DB_MIGRATE=false), and loads the entities the domain modules register. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig): StartupOptions => ({
            ...dataSourceOptions(config),
            autoLoadEntities: true,
            migrateOnStart: config.DB_MIGRATE,
          }),
          dataSourceFactory: async (options) => {
            const { migrateOnStart, autoLoadEntities, ...opts } = options as StartupOptions;
            await ensureDatabase(opts.url);
            const dataSource = await new DataSource(opts).initialize();
            if (migrateOnStart) await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
