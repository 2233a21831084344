import { randomBytes } from 'node:crypto';
import { loadHarnessSettings, newHarnessRunId } from './harness-settings';

/** Where the test run finds PostgreSQL and Redis; each test file gets its own database and queue prefix. */
const harness = loadHarnessSettings();
export const TEST_DATABASE_BASE = harness.databaseBase;
export const TEST_REDIS_URL = harness.redisUrl;
export const TEST_RUN_ID = harness.runId ?? newHarnessRunId();

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const WEBHOOK_SECRETS = {
  generic: 'generic-secret-new',
  genericOld: 'generic-secret-old',
  zendesk: 'zendesk-secret',
  jira: 'jira-secret',
};
export const PSEUDONYM_KEY = 'k2:second-pseudonym-key-0123456789,k1:first-pseudonym-key-0123456789';

/** A fresh, isolated environment for one test file. */
export function isolatedEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const suffix = randomBytes(4).toString('hex');
  const db = new URL(TEST_DATABASE_BASE);
  db.pathname = `/eea_router_test_${TEST_RUN_ID}_${suffix}`;
  return {
    NODE_ENV: 'test',
    DATABASE_URL: db.toString(),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `eea-test-${TEST_RUN_ID}-${suffix}`,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    PSEUDONYM_KEY,
    WEBHOOK_SECRET_GENERIC: `${WEBHOOK_SECRETS.generic},${WEBHOOK_SECRETS.genericOld}`,
    WEBHOOK_SECRET_ZENDESK: WEBHOOK_SECRETS.zendesk,
    WEBHOOK_SECRET_JIRA: WEBHOOK_SECRETS.jira,
    SWEEP_INTERVAL_MS: '600000',
    RATE_LIMIT_PER_MINUTE: '100000',
    POLICY_FILE: 'config/policy.yaml',
    ...overrides,
  };
}
