import { randomUUID } from 'node:crypto';
import { Role } from '@eea/auth';
import { ADMIN_TOKEN, TestApp, createTestApp, seedAgent, seedOrganization, seedTicket, waitFor } from '@eea/testing';
import { ACCESS_RULES, accessRuleProblems, routeKey } from '../apps/api/src/access-rules';
import { AccessRulesCheck } from '../apps/api/src/access-rules.check';

const ROLES: Role[] = ['admin', 'manager', 'agent', 'auditor'];
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Fills path parameters with values that pass validation but name nothing that exists. */
function concretePath(key: string): string {
  return key
    .split(' ')[1]
    .replace(':source', 'generic')
    .replace(/:[A-Za-z]+/g, () => randomUUID());
}

describe('security: every route has one access rule, and every role gets what the table says', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let served: string[];

  beforeAll(async () => {
    t = await createTestApp();
    tokens.admin = ADMIN_TOKEN;
    for (const role of ['manager', 'auditor'] as const) {
      tokens[role] = (await t.request('POST', '/v1/tokens', { body: { role, name: `matrix ${role}` } })).body.token;
    }
    tokens.agent = await seedAgent(t, { id: 'matrix-agent', country: 'DE' });
    const docs = await t.request('GET', '/docs-json', { token: '' });
    served = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => HTTP_METHODS.includes(m))
        .map((m) => routeKey(m, path)),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every served route in the table, and start-up agrees with the declared @Roles', () => {
    expect(served.length).toBeGreaterThan(15);
    expect(served.filter((key) => !ACCESS_RULES[key])).toEqual([]);
    const declared = t.get(AccessRulesCheck).declaredRoutes();
    expect(declared.map((r) => r.key).sort()).toEqual([...served].sort());
    expect(accessRuleProblems(declared)).toEqual([]);
  });

  it('refuses a route whose roles differ from the table, or that is missing from it', () => {
    expect(accessRuleProblems([{ key: 'POST /v1/tokens', roles: ['admin', 'manager'] }])).toHaveLength(1);
    expect(accessRuleProblems([{ key: 'GET /v1/secret', roles: ['admin'] }])).toEqual([
      'GET /v1/secret is not in apps/api/src/access-rules.ts',
    ]);
    expect(accessRuleProblems([{ key: 'GET /v1/tokens', roles: undefined }])).toHaveLength(1);
    expect(accessRuleProblems([{ key: 'GET /health/live', roles: ['admin'] }])).toHaveLength(1);
  });

  it('answers 401 without a token, 403 to roles not allowed and neither to roles allowed', async () => {
    const failures: string[] = [];
    // Routes outside Nest's router (not in the OpenAPI document) are driven too.
    for (const key of [...served, 'GET /admin/queues']) {
      const rule = ACCESS_RULES[key];
      const method = key.split(' ')[0];
      const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
      const call = (token: string) => t.request(method, concretePath(key), { token, body });
      const anonymous = (await call('')).status;
      if (rule.roles === 'public') {
        // A public route answers the same whoever calls: a bearer token neither helps nor hurts.
        for (const role of ROLES) {
          const status = (await call(tokens[role])).status;
          if (status !== anonymous || status === 403) failures.push(`${key} as ${role}: ${status}, anonymous ${anonymous}`);
        }
        continue;
      }
      if (anonymous !== 401) failures.push(`${key} without token: ${anonymous}`);
      for (const role of ROLES) {
        const status = (await call(tokens[role])).status;
        const allowed = rule.roles.includes(role);
        if (allowed ? [401, 403].includes(status) || status >= 500 : status !== 403) {
          failures.push(`${key} as ${role}: ${status}, expected ${allowed ? 'not 401/403/5xx' : '403'}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets an agent act only on itself and on tickets it holds', async () => {
    await seedOrganization(t, 'matrix-org', 'standard');
    const other = await seedAgent(t, { id: 'matrix-other', country: 'DE', status: 'away' });
    expect(
      (await t.request('POST', '/v1/agents/matrix-other/status', { token: tokens.agent, body: { status: 'offline' } })).status,
    ).toBe(404);
    expect(
      (await t.request('POST', '/v1/agents/matrix-agent/status', { token: tokens.agent, body: { status: 'available' } })).status,
    ).toBe(200);
    expect(
      (await t.request('PUT', '/v1/agents/matrix-agent', { token: tokens.agent, body: { name: 'me', country: 'US' } })).status,
    ).toBe(403);

    const ticketId = await seedTicket(t, { organizationId: 'matrix-org', region: 'eu-central-1', severity: 1 });
    const claim = await t.request('POST', '/v1/me/claims', { token: tokens.agent });
    expect(claim.body.id).toBe(ticketId);
    for (const action of ['release', 'resolve']) {
      const res = await t.request('POST', `/v1/tickets/${ticketId}/${action}`, { token: other });
      expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
    }
    expect((await t.request('GET', `/v1/tickets/${ticketId}`, { token: other })).status).toBe(404);
    expect((await t.request('GET', `/v1/tickets/${ticketId}`, { token: tokens.agent })).status).toBe(200);
    const held = await waitFor(async () => (await t.request('GET', `/v1/tickets/${ticketId}`)).body);
    expect(held).toMatchObject({ status: 'assigned', assigneeId: 'matrix-agent' });
  });

  it('stops a revoked agent token at once on every route it could call', async () => {
    const created = await t.request('POST', '/v1/tokens', {
      body: { role: 'agent', agentId: 'matrix-agent', name: 'short-lived' },
    });
    expect((await t.request('GET', '/v1/me/queue', { token: created.body.token })).status).toBe(200);
    expect((await t.request('DELETE', `/v1/tokens/${created.body.id}`)).status).toBe(200);
    for (const key of served.filter((k) => ACCESS_RULES[k].roles !== 'public' && ACCESS_RULES[k].roles.includes('agent'))) {
      const method = key.split(' ')[0];
      expect([
        key,
        (await t.request(method, concretePath(key), { token: created.body.token, body: method === 'GET' ? undefined : {} }))
          .status,
      ]).toEqual([key, 401]);
    }
  });
});
