import { Client } from 'pg';
import { loadHarnessSettings } from './support/harness-settings';

/** Drops any database a crashed test file left behind in this run. */
export default async function globalTeardown(): Promise<void> {
  const settings = loadHarnessSettings();
  if (!settings.runId) return;
  const pg = new Client({ connectionString: settings.databaseBase });
  await pg.connect();
  const { rows } = await pg.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
    `eea_router_test_${settings.runId}_%`,
  ]);
  for (const { datname } of rows) await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  await pg.end();
}
