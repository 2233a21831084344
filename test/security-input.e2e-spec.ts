import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { Role } from '@eea/auth';
import { ADMIN_TOKEN, TestApp, TestResponse, WEBHOOK_SECRETS, createTestApp, genericHeaders, seedAgent } from '@eea/testing';
import { ACCESS_RULES, routeKey } from '../apps/api/src/access-rules';
import { genericTicket, sendGeneric } from './intake-helpers';

const ERROR_SHAPE = {
  error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String), details: expect.any(Array) },
};
/** What must never reach a client: stack frames, SQL, driver and framework internals. */
const LEAKS = /\bat .+:\d+:\d+|QueryFailedError|SELECT |INSERT |UPDATE |violates|node_modules|TypeError|duplicate key/;

function expectCleanError(res: TestResponse, status: number): void {
  expect([res.status, res.body]).toEqual([status, ERROR_SHAPE]);
  expect(res.text).not.toMatch(LEAKS);
}

/** Row counts of every table in one query: the state a rejected request must leave untouched. */
async function tableCounts(dataSource: DataSource): Promise<Record<string, string>> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const [row] = await dataSource.query(
    `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t.name}") AS "${t.name}"`).join(', ')}`,
  );
  return row;
}

describe('security: hostile input', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    tokens.admin = ADMIN_TOKEN;
    for (const role of ['manager', 'auditor'] as const) {
      tokens[role] = (await t.request('POST', '/v1/tokens', { body: { role, name: `fuzz ${role}` } })).body.token;
    }
    tokens.agent = await seedAgent(t, { id: 'fuzz-agent', country: 'DE' });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['__proto__ at the top', '{"__proto__": {"isAdmin": true}, "role": "manager", "name": "x"}'],
    ['constructor.prototype', '{"role": "manager", "name": "x", "constructor": {"prototype": {"isAdmin": true}}}'],
    ['bare constructor', '{"role": "manager", "name": "x", "constructor": 1}'],
    ['prototype deep in an array', '{"role": "manager", "name": "x", "tags": [{"a": {"prototype": {}}}]}'],
  ])('rejects %s with 400 in the common shape, and creates nothing', async (_, raw) => {
    const before = (await t.request('GET', '/v1/tokens')).body.items.length;
    expectCleanError(await t.request('POST', '/v1/tokens', { raw }), 400);
    expect((await t.request('GET', '/v1/tokens')).body.items.length).toBe(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('rejects poisoned keys in signed webhook bodies too, before any adapter or validator reads them', async () => {
    const raw = '{"deliveryId": "d-1", "event": "ticket.created", "ticket": {"constructor": {"prototype": {"x": 1}}}}';
    const res = await t.request('POST', '/v1/webhooks/generic', {
      token: '',
      raw,
      headers: genericHeaders(WEBHOOK_SECRETS.generic, raw),
    });
    expectCleanError(res, 400);
  });

  it('names the bad path parameter and never echoes stack traces or SQL', async () => {
    const res = await t.request('GET', "/v1/tickets/1'%20OR%201=1--");
    expectCleanError(res, 400);
    expect(res.body.error.details).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    expectCleanError(await t.request('GET', '/v1/tickets?limit=-1&status=%00'), 400);
    expectCleanError(await t.request('GET', '/v1/tickets?cursor=not-a-cursor'), 400);
  });

  it('survives random bodies, queries and path parameters at every route: no 5xx, no state change when rejected', async () => {
    const dataSource = t.get(DataSource);
    const routes = Object.entries(ACCESS_RULES).filter(([key]) => !key.startsWith('GET /health'));
    const served = new Set(
      Object.entries((await t.request('GET', '/docs-json', { token: '' })).body.paths as Record<string, object>).flatMap(
        ([path, ops]) => Object.keys(ops).map((m) => routeKey(m, path)),
      ),
    );
    const segment = fc.oneof(
      fc.uuid(),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('..', '%00', "' OR 1=1 --", '__proto__', 'generic', 'zendesk', 'jira'),
    );
    const query = fc.dictionary(
      fc.constantFrom('status', 'organizationId', 'limit', 'cursor', 'from', 'to', 'x', '__proto__'),
      fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String)),
      { maxKeys: 4 },
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
      fc.constantFrom('', '{', '[1,2', '{"a":1}{', 'null', '{"__proto__":{"x":1}}', '{"email":{"$ne":null}}'),
    );
    let checked = 0;
    for (const [key, rule] of routes.filter(([k]) => served.has(k))) {
      const [method, pattern] = key.split(' ');
      const role = rule.roles === 'public' ? undefined : rule.roles.includes('admin') ? 'admin' : rule.roles[0];
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 3, maxLength: 3 }),
          query,
          body,
          fc.boolean(),
          async (segments, q, raw, sign) => {
            let i = 0;
            const path = pattern.replace(/:[A-Za-z]+/g, () => encodeURIComponent(segments[i++]));
            const url = `${path}?${new URLSearchParams(q)}`;
            const headers = sign && role === undefined ? genericHeaders(WEBHOOK_SECRETS.generic, raw) : {};
            const before = await tableCounts(dataSource);
            const res = await t.request(method, url, {
              token: role ? tokens[role] : '',
              raw: method === 'GET' ? undefined : raw,
              headers,
            });
            checked++;
            expect([key, url, res.status]).toEqual([key, url, expect.any(Number)]);
            if (res.status >= 500) throw new Error(`${key} ${url} ${raw} → ${res.status} ${res.text}`);
            if (res.status >= 400) {
              expect(res.body).toEqual(ERROR_SHAPE);
              expect(res.text).not.toMatch(LEAKS);
              expect(await tableCounts(dataSource)).toEqual(before);
            }
          },
        ),
        { numRuns: 30, seed: 20261123 + checked },
      );
    }
    expect(checked).toBeGreaterThan(500);
  }, 120_000);
});

describe('security: rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 rate_limited past the limit per token, counts each token apart, and exempts health', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.request('GET', '/v1/policy')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await t.request('GET', '/v1/policy');
    expectCleanError(limited, 429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // A different bearer token has its own bucket; requests without one count against the address.
    expect((await t.request('GET', '/v1/policy', { token: 'some-other-token-value' })).status).toBe(401);
    const anonymous: number[] = [];
    for (let i = 0; i < 6; i++) anonymous.push((await t.request('GET', '/v1/tokens', { token: '' })).status);
    expect(anonymous).toEqual([401, 401, 401, 401, 401, 429]);
    for (let i = 0; i < 10; i++) expect((await t.request('GET', '/health/live', { token: '' })).status).toBe(200);
  });

  it('never throttles authenticated webhook deliveries, but blocks an address past the limit of rejected ones', async () => {
    // Twice the limit of valid deliveries from one address: a ticketing system's burst is work, not abuse.
    const accepted: number[] = [];
    for (let i = 0; i < 10; i++) accepted.push((await sendGeneric(t, genericTicket())).status);
    expect(accepted).toEqual(Array(10).fill(202));
    // Rejected before authentication (bad signature, unknown source) count against the address...
    const rejected: number[] = [];
    for (let i = 0; i < 5; i++) rejected.push((await sendGeneric(t, genericTicket(), 'not-the-secret-0123456789')).status);
    rejected.push((await t.request('POST', '/v1/webhooks/nosuchsource', { token: '', raw: '{}' })).status);
    expect(rejected).toEqual([401, 401, 401, 401, 401, 404]);
    // ...and past the limit the address is refused, valid signatures included, until the window ends.
    const blocked = await sendGeneric(t, genericTicket());
    expectCleanError(blocked, 429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('keeps the counters in Redis under QUEUE_PREFIX, so that every API process shares them', async () => {
    const redis = new Redis(t.env.REDIS_URL);
    try {
      const keys = await redis.keys(`${t.env.QUEUE_PREFIX}:rate-limit:*`);
      expect(keys.length).toBeGreaterThanOrEqual(2);
      expect(keys.join(' ')).not.toContain(ADMIN_TOKEN);
      expect(keys.some((k) => /:token:[0-9a-f]{64}$/.test(k))).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});
