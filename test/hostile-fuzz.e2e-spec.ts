import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Role } from '@eea/auth';
import { ADMIN_TOKEN, TestApp, WEBHOOK_SECRETS, createTestApp, genericHeaders, seedAgent, seedOrganization } from '@eea/testing';
import { ACCESS_RULES, routeKey } from '../apps/api/src/access-rules';
import { ERROR_SHAPE, LEAKS, tableCounts } from './hostile-support';
import { genericTicket } from './intake-helpers';

/**
 * The hostile classes of issue 13, generated: control characters and NUL, lone surrogates, exotic
 * ISO-8601 forms, extreme numbers, prototype keys, nulls and wrong types — put into every field of a
 * valid body, every query parameter and every path parameter of every route. No answer may be a 5xx,
 * every rejection has the common error shape and leaks nothing, and a rejected request changes no table.
 */
const text = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\ud800\ud800', '\u001f\u0007', '\u202e', '\uffff', '', ' '),
  fc.constantFrom(
    '2026-W47-1',
    '2026-327',
    '20261123T100000Z',
    '-271821-04-20T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2026-02-30',
    '1',
    'foo 1',
  ),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'connection error',
    'jane@example.test',
    "' OR 1=1 --",
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  text,
  fc.constantFrom(null, true, -8e15, 8.64e15 + 1, -0, 2 ** 63, Number.MAX_SAFE_INTEGER + 2, 1e308, -1, 0, 5, [], {}),
  fc.integer(),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 2 }),
);
const hostileKey = fc.constantFrom(
  'constructor',
  'prototype',
  'jane@example.test',
  'k\u0000',
  '\ud800',
  'x'.repeat(300),
  'severity',
);

const UUID = '0b7c2d1e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const consent = {
  organizationId: 'fuzz-org',
  problemRef: 'PRB-1',
  countries: ['US'],
  approvedBy: { name: 'Dana', role: 'CISO' },
  evidence: 'call 1',
  expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
};
/** A body each route accepts (or nearly): the mutations then reach its deeper validation and its service. */
const TEMPLATES: Record<string, object> = {
  'POST /v1/tokens': { role: 'auditor', name: 'fuzz' },
  'PUT /v1/organizations/:id': { name: 'Fuzz', supportTier: 'standard', sources: ['generic'] },
  'PUT /v1/agents/:id': { name: 'Fuzz', country: 'DE', skills: ['voice'], languages: ['de'], capacity: 3 },
  'POST /v1/agents/:id/status': { status: 'away' },
  'POST /v1/tickets/:id/escalations': { country: 'US', reason: 'needs storage team' },
  'POST /v1/consents': consent,
  'POST /v1/policy/simulate': {
    at: '2026-11-23T10:00:00Z',
    ticket: { region: 'eu-west-1', severity: 2, tier: 'standard', category: 'c', skills: ['v'] },
    agents: [{ id: 'a', country: 'DE', skills: ['v'] }],
    consents: [{ countries: ['US'], expiresAt: '2027-01-01T00:00:00Z', revokedAt: null }],
  },
  'POST /v1/privacy/export': { email: 'alice@example.test', phone: '+49 30 1234567' },
  'POST /v1/privacy/erase': { email: 'nobody@example.test' },
  'POST /v1/webhooks/:source': genericTicket({
    problemRef: 'PRB-1',
    category: 'billing',
    skills: ['voice'],
    language: 'de',
    requester: { email: 'bob@example.test' },
  }),
};
const QUERY_KEYS = ['status', 'organizationId', 'limit', 'cursor', 'from', 'to', 'format', 'active', 'ticketId', 'country'];

/** Every leaf path of a template, as key lists. */
function leaves(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [path];
  const own = Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return path.length ? [path, ...own] : own;
}

/** A path segment as a client would send it; raw escapes kept, lone surrogates as the bytes a broken client sends. */
function encodeSegment(segment: string): string {
  if (segment === '%00' || segment === '..') return segment;
  try {
    return encodeURIComponent(segment);
  } catch {
    return '%ED%A0%80';
  }
}

function mutate(template: object, path: string[], replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(template));
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = replacement;
  return copy;
}

describe('hostile input: generated hostile values at every route', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let ticketId: string;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    tokens.admin = ADMIN_TOKEN;
    for (const role of ['manager', 'auditor'] as const)
      tokens[role] = (await t.request('POST', '/v1/tokens', { body: { role, name: `fuzz ${role}` } })).body.token;
    tokens.agent = await seedAgent(t, { id: 'fuzz-agent', country: 'DE' });
    await seedOrganization(t, 'fuzz-org', 'eea_only');
    const raw = JSON.stringify(genericTicket({ organizationId: 'fuzz-org' }));
    ticketId = (
      await t.request('POST', '/v1/webhooks/generic', { token: '', raw, headers: genericHeaders(WEBHOOK_SECRETS.generic, raw) })
    ).body.ticketId;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('never answers 5xx, always in the error shape, and changes nothing when it refuses', async () => {
    const dataSource = t.get(DataSource);
    const served = new Set(
      Object.entries((await t.request('GET', '/docs-json', { token: '' })).body.paths as Record<string, object>).flatMap(
        ([path, ops]) => Object.keys(ops).map((m) => routeKey(m, path)),
      ),
    );
    const routes = Object.entries(ACCESS_RULES).filter(([key]) => served.has(key) && !key.startsWith('GET /health'));
    const segment = fc.oneof(
      text,
      fc.constantFrom(UUID, ticketId, 'fuzz-agent', 'fuzz-org', 'generic', 'zendesk', 'jira', '%00', '..'),
    );
    let requests = 0;
    for (const [key, rule] of routes) {
      const [method, pattern] = key.split(' ');
      const role = rule.roles === 'public' ? undefined : rule.roles.includes('admin') ? 'admin' : rule.roles[0];
      const template = TEMPLATES[key] ?? {};
      const paths = leaves(template);
      const body = fc.oneof(
        fc.tuple(fc.constantFrom(...(paths.length ? paths : [['x']])), value).map(([p, v]) => mutate(template, p, v)),
        fc.tuple(hostileKey, value).map(([k, v]) => ({ ...template, [k]: v })),
        value,
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 3, maxLength: 3 }),
          fc.dictionary(fc.constantFrom(...QUERY_KEYS), text, { maxKeys: 3 }),
          body,
          async (segments, query, payload) => {
            let i = 0;
            const path = pattern.replace(/:[A-Za-z]+/g, () => encodeSegment(segments[i++] as string));
            const url = `${path}?${new URLSearchParams(query)}`;
            const raw = method === 'GET' ? undefined : (JSON.stringify(payload) ?? '');
            const headers =
              key === 'POST /v1/webhooks/:source' && raw !== undefined ? genericHeaders(WEBHOOK_SECRETS.generic, raw) : {};
            const before = await tableCounts(dataSource);
            const res = await t.request(method, url, { token: role ? tokens[role] : '', raw, headers });
            requests++;
            if (res.status >= 500) throw new Error(`${key} ${url} ${raw} → ${res.status} ${res.text}`);
            if (res.status >= 400) {
              expect([key, res.body]).toEqual([key, ERROR_SHAPE]);
              expect(res.text).not.toMatch(LEAKS);
              // The outbox is drained in the background after earlier accepted requests: it may only shrink.
              const { outbox, ...after } = await tableCounts(dataSource);
              const { outbox: outboxBefore, ...rest } = before;
              expect([key, raw, after]).toEqual([key, raw, rest]);
              expect(Number(outbox)).toBeLessThanOrEqual(Number(outboxBefore));
            }
          },
        ),
        { numRuns: 25, seed: 20261201 + requests },
      );
    }
    expect(requests).toBeGreaterThan(routes.length * 20);
    const logged = t.logs.join('\n');
    for (const leak of ['jane@example.test', 'connection error', 'bob@example.test']) expect(logged).not.toContain(leak);
  }, 300_000);
});
