/**
 * Where the e2e test harness finds PostgreSQL and Redis, and the id that keeps one test run's
 * databases and queue prefixes apart from another's. Read here, like every other setting, and
 * checked: a bad value stops the run naming the variable (never echoing it: URLs carry passwords).
 */
export interface HarnessSettings {
  /** Any database of the cluster; each test file creates its own next to it. */
  databaseBase: string;
  redisUrl: string;
  /** Set by the global setup for the whole run (so that every worker shares it). */
  runId: string | undefined;
}

export const HARNESS_DEFAULTS = {
  TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  TEST_REDIS_URL: 'redis://127.0.0.1:6379',
} as const;

export function loadHarnessSettings(env: Record<string, string | undefined> = process.env): HarnessSettings {
  const url = (name: keyof typeof HARNESS_DEFAULTS, protocols: string[]): string => {
    const value = env[name] ?? HARNESS_DEFAULTS[name];
    let protocol: string;
    try {
      protocol = new URL(value).protocol;
    } catch {
      throw new Error(`${name} must be a URL`);
    }
    if (!protocols.includes(protocol)) throw new Error(`${name} must be a ${protocols.join(' or ')} URL`);
    return value;
  };
  const runId = env.EEA_TEST_RUN_ID;
  if (runId !== undefined && !/^[a-z0-9]{1,24}$/.test(runId))
    throw new Error('EEA_TEST_RUN_ID must be 1-24 lowercase letters or digits');
  return {
    databaseBase: url('TEST_DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url('TEST_REDIS_URL', ['redis:', 'rediss:']),
    runId,
  };
}

/** A new run id, for the global setup to publish to the run's workers. */
export function newHarnessRunId(): string {
  return `r${Date.now().toString(36)}`;
}
