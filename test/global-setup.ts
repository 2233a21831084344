import { Client } from 'pg';
import { Redis } from 'ioredis';
import { loadHarnessSettings, newHarnessRunId } from './support/harness-settings';

/** Publishes the run id to every test worker; fails fast with a clear message when PostgreSQL or Redis is not there. */
export default async function globalSetup(): Promise<void> {
  const settings = loadHarnessSettings();
  // The workers inherit this process's environment: the one way to hand them the run id.
  process.env.EEA_TEST_RUN_ID = settings.runId ?? newHarnessRunId();
  const pg = new Client({ connectionString: settings.databaseBase });
  await pg.connect().catch((e) => {
    throw new Error(`e2e tests need PostgreSQL: ${(e as Error).message}`);
  });
  await pg.end();
  const redis = new Redis(settings.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch((e) => {
    throw new Error(`e2e tests need Redis: ${(e as Error).message}`);
  });
  redis.disconnect();
}
