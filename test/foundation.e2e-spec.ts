import { ADMIN_TOKEN, TestApp, createTestApp } from '@eea/testing';

describe('foundation: health, auth, errors, docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is live and ready against real PostgreSQL and Redis', async () => {
    expect((await t.request('GET', '/health/live', { token: '' })).status).toBe(200);
    const ready = await t.request('GET', '/health/ready', { token: '' });
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('answers 401 in the common error shape without a valid token', async () => {
    for (const token of ['', 'not-a-token-at-all']) {
      const res = await t.request('GET', '/v1/policy', { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String), details: [] } });
    }
  });

  it('mints tokens for admins only, shows them once and stores them hashed', async () => {
    const created = await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor lead' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), role: 'manager', token: expect.stringMatching(/^eea_/) });
    const managerToken = created.body.token as string;
    expect((await t.request('GET', '/v1/policy', { token: managerToken })).status).toBe(200);
    const denied = await t.request('POST', '/v1/tokens', { token: managerToken, body: { role: 'admin', name: 'escalate me' } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    const listed = await t.request('GET', '/v1/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(managerToken);
  });

  it('stops a revoked token at once', async () => {
    const { body } = await t.request('POST', '/v1/tokens', { body: { role: 'auditor', name: 'temp' } });
    expect((await t.request('GET', '/v1/policy', { token: body.token })).status).toBe(200);
    expect((await t.request('DELETE', `/v1/tokens/${body.id}`)).status).toBe(200);
    expect((await t.request('GET', '/v1/policy', { token: body.token })).status).toBe(401);
  });

  it('requires agentId for agent tokens and names each bad field', async () => {
    const res = await t.request('POST', '/v1/tokens', { body: { role: 'wizard', name: '', extra: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['<unknown key>', 'name', 'role']);
    const agent = await t.request('POST', '/v1/tokens', { body: { role: 'agent', name: 'no agent id' } });
    expect(agent.status).toBe(400);
    expect(agent.body.error.details[0].field).toBe('agentId');
  });

  it('rejects malformed JSON and oversized bodies with the common shape', async () => {
    const malformed = await t.request('POST', '/v1/tokens', { raw: '{"role": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('validation_failed');
    const huge = await t.request('POST', '/v1/tokens', { raw: JSON.stringify({ role: 'admin', name: 'x'.repeat(300 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('answers unknown routes with 404 not_found and sets request ids and security headers', async () => {
    const res = await t.request('GET', '/v1/nope', { headers: { 'x-request-id': 'req-123' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('publishes the policy with its version and serves OpenAPI docs', async () => {
    const policy = await t.request('GET', '/v1/policy');
    expect(policy.body.policyVersion).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(policy.body.tiers.eea_only.allowedCountries).toContain('DE');
    expect(policy.body.tiers.eea_only.allowedCountries).not.toContain('US');
    const docs = await t.request('GET', '/docs-json', { token: '' });
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/v1/tokens', '/v1/policy/simulate', '/v1/me/claims']));
  });

  it('exposes Prometheus metrics to admins', async () => {
    const res = await t.request('GET', '/metrics', { token: ADMIN_TOKEN });
    expect(res.status).toBe(200);
    expect(res.text).toContain('eea_router_queue_jobs');
    expect(res.text).toMatch(
      /eea_router_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} [1-9]/,
    );
    expect((await t.request('GET', '/metrics', { token: '' })).status).toBe(401);
  });
});
