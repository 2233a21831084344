import { Client } from 'pg';
import { PrivateRedis, TestApp, createTestApp, randomPort, waitFor } from '@eea/testing';

/** /health/ready follows PostgreSQL and Redis down and back up again. */
describe('readiness follows the backing services', () => {
  const redis = new PrivateRedis(randomPort());
  let t: TestApp;

  beforeAll(async () => {
    await redis.start();
    t = await createTestApp({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  const readyStatus = async () => (await t.request('GET', '/health/ready', { token: '' })).status;

  it('turns 503 while Redis is down and 200 when it is back', async () => {
    expect(await readyStatus()).toBe(200);
    await redis.stop();
    await waitFor(async () => (await readyStatus()) === 503, 10_000, 'ready 503');
    expect((await t.request('GET', '/health/live', { token: '' })).status).toBe(200);
    await redis.start();
    await waitFor(async () => (await readyStatus()) === 200, 15_000, 'ready 200 again');
  });

  it('turns 503 while PostgreSQL refuses connections and 200 when it accepts them again', async () => {
    const dbName = new URL(t.env.DATABASE_URL).pathname.slice(1);
    const admin = new Client({ connectionString: t.env.DATABASE_URL.replace(`/${dbName}`, '/postgres') });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [dbName]);
      await waitFor(async () => (await readyStatus()) === 503, 10_000, 'ready 503');
      const { body } = await t.request('GET', '/health/ready', { token: '' });
      expect(body.error.details).toContainEqual({ component: 'postgres', message: 'down' });
    } finally {
      await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await waitFor(async () => (await readyStatus()) === 200, 15_000, 'ready 200 again');
  });
});
