import { HARNESS_DEFAULTS, loadHarnessSettings } from './harness-settings';

describe('loadHarnessSettings', () => {
  it('defaults to the local PostgreSQL and Redis, with no run id until the global setup sets one', () => {
    expect(loadHarnessSettings({})).toEqual({
      databaseBase: HARNESS_DEFAULTS.TEST_DATABASE_URL,
      redisUrl: HARNESS_DEFAULTS.TEST_REDIS_URL,
      runId: undefined,
    });
  });

  it('takes the variables as given', () => {
    expect(
      loadHarnessSettings({
        TEST_DATABASE_URL: 'postgresql://u:p@db:5433/x',
        TEST_REDIS_URL: 'rediss://cache:6380',
        EEA_TEST_RUN_ID: 'rabc123',
      }),
    ).toEqual({ databaseBase: 'postgresql://u:p@db:5433/x', redisUrl: 'rediss://cache:6380', runId: 'rabc123' });
  });

  it('names the bad variable without echoing its value', () => {
    expect(() => loadHarnessSettings({ TEST_DATABASE_URL: 'not a url secretpw' })).toThrow(/^TEST_DATABASE_URL must be a URL$/);
    expect(() => loadHarnessSettings({ TEST_REDIS_URL: 'http://u:secretpw@host' })).toThrow(
      /^TEST_REDIS_URL must be a redis: or rediss: URL$/,
    );
    expect(() => loadHarnessSettings({ EEA_TEST_RUN_ID: 'x; DROP' })).toThrow(/EEA_TEST_RUN_ID/);
  });
});
