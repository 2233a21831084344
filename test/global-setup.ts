import { Client } from 'pg';
import { Redis } from 'ioredis';

/** Fails fast with a clear message when PostgreSQL or Redis is not there. */
export default async function globalSetup(): Promise<void> {
  process.env.EEA_TEST_RUN_ID ??= `r${Date.now().toString(36)}`;
  const pg = new Client({ connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await pg.connect().catch((e) => { throw new Error(`e2e tests need PostgreSQL: ${(e as Error).message}`); });
  await pg.end();
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch((e) => { throw new Error(`e2e tests need Redis: ${(e as Error).message}`); });
  redis.disconnect();
}
