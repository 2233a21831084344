import { Client } from 'pg';

/** Drops any database a crashed test file left behind in this run. */
export default async function globalTeardown(): Promise<void> {
  const pg = new Client({ connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await pg.connect();
  const { rows } = await pg.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`eea_router_test_${process.env.EEA_TEST_RUN_ID}_%`]);
  for (const { datname } of rows) await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  await pg.end();
}
