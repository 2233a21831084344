import { Redis } from 'ioredis';
import { QueueService } from '@eea/queue';
import { PrivateRedis, TestApp, createTestApp, randomPort, waitFor } from '@eea/testing';

/** The safety nets' schedules survive a Redis that restarts empty (no persistence). */
describe('job schedules', () => {
  const redis = new PrivateRedis(randomPort());
  let t: TestApp;

  beforeAll(async () => {
    await redis.start();
    t = await createTestApp({ env: { REDIS_URL: redis.url, SWEEP_INTERVAL_MS: '1000' } });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  const schedulerIds = async () => (await t.get(QueueService).queue('maintenance').getJobSchedulers()).map((s) => s.key).sort();

  const SCHEDULES = [
    'audit-checkpoint',
    'expire-consent-requests',
    'expire-lapsed-consents',
    'purge-retention',
    'relay-outbox',
    'route-due',
    'sev1-alarms',
    'take-back-offline',
  ];

  it("re-creates the safety nets' schedules when Redis comes back without its data", async () => {
    expect(await schedulerIds()).toEqual(SCHEDULES);
    await redis.stop();
    await redis.start();
    const probe = new Redis(redis.url);
    expect(await probe.keys('*')).toEqual(expect.not.arrayContaining([expect.stringContaining('repeat')]));
    probe.disconnect();
    await waitFor(
      async () => (await schedulerIds().catch(() => [] as string[])).join() === SCHEDULES.join(),
      20_000,
      'schedules re-created',
    );
  });
});
