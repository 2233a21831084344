import { DataSource } from 'typeorm';
import { TestApp, createTestApp, seedAgent } from '@eea/testing';
import { ensureConsoleBuilt } from './support/console-browser';

/**
 * Console sign-in (SPEC 8): a token becomes an HttpOnly, SameSite=Strict session cookie; changes need
 * the session's CSRF header; sessions end when idle, when too old, when signed out and when their
 * token is revoked. The console's files come with a CSP that allows no inline script.
 */
describe('console sessions and static files', () => {
  let t: TestApp;
  let agentToken: string;
  let managerToken: string;
  let managerTokenId: string;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await createTestApp({ worker: false });
    agentToken = await seedAgent(t, { id: 'agent-ie', country: 'IE' });
    const manager = await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor lead' } });
    managerToken = manager.body.token;
    managerTokenId = manager.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function signIn(token: string) {
    const res = await t.request('POST', '/v1/sessions', { token: '', body: { token } });
    expect(res.status).toBe(201);
    const setCookie = String(res.headers['set-cookie']);
    return { cookie: setCookie.split(';')[0], setCookie, csrf: res.body.csrfToken as string, body: res.body };
  }
  const asCookie = (s: { cookie: string; csrf?: string }, method: string, url: string, body?: unknown, csrf = true) =>
    t.request(method, url, {
      token: '',
      body,
      headers: { cookie: s.cookie, ...(csrf && s.csrf ? { 'x-csrf-token': s.csrf } : {}) },
    });

  it('exchanges a token for an HttpOnly SameSite=Strict cookie and never returns the token', async () => {
    const bad = await t.request('POST', '/v1/sessions', { token: '', body: { token: 'not-a-real-token-at-all' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('unauthenticated');
    expect((await t.request('POST', '/v1/sessions', { token: '', body: {} })).body.error.details[0].field).toBe('token');

    const s = await signIn(agentToken);
    expect(s.setCookie).toMatch(/^eea_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(JSON.stringify(s.body)).not.toContain(agentToken);
    expect(s.body).toMatchObject({ role: 'agent', agentId: 'agent-ie' });
    const current = await asCookie(s, 'GET', '/v1/sessions/current');
    expect(current.body).toMatchObject({ role: 'agent', agentId: 'agent-ie', csrfToken: s.csrf, agent: { country: 'IE' } });
    expect((await asCookie(s, 'GET', '/v1/me/queue')).status).toBe(200);
  });

  it('refuses cookie-authenticated changes without the CSRF header, accepts them with it', async () => {
    const s = await signIn(agentToken);
    const without = await asCookie(s, 'POST', '/v1/agents/agent-ie/status', { status: 'away' }, false);
    expect(without.status).toBe(403);
    expect(without.body.error.message).toContain('X-CSRF-Token');
    const wrong = await asCookie({ ...s, csrf: 'x'.repeat(32) }, 'POST', '/v1/agents/agent-ie/status', { status: 'away' });
    expect(wrong.status).toBe(403);
    expect((await asCookie(s, 'POST', '/v1/agents/agent-ie/status', { status: 'available' })).status).toBe(200);
    // The role still decides: an agent's session cannot do a manager's work.
    expect((await asCookie(s, 'GET', '/v1/consent-requests')).status).toBe(403);
  });

  it('ends a session when idle too long or past its absolute lifetime', async () => {
    const ds = t.get(DataSource);
    const idle = await signIn(managerToken);
    const old = await signIn(managerToken);
    await ds.query(`UPDATE console_sessions SET last_seen_at = now() - interval '31 minutes' WHERE csrf_token = $1`, [idle.csrf]);
    await ds.query(`UPDATE console_sessions SET expires_at = now() - interval '1 second' WHERE csrf_token = $1`, [old.csrf]);
    expect((await asCookie(idle, 'GET', '/v1/consent-requests')).status).toBe(401);
    expect((await asCookie(old, 'GET', '/v1/consent-requests')).status).toBe(401);
  });

  it('signs out one browser, or every session of the token', async () => {
    const a = await signIn(managerToken);
    const b = await signIn(managerToken);
    const c = await signIn(managerToken);
    const out = await asCookie(a, 'DELETE', '/v1/sessions/current');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ ended: 1 });
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await asCookie(a, 'GET', '/v1/consent-requests')).status).toBe(401);
    expect((await asCookie(b, 'GET', '/v1/consent-requests')).status).toBe(200);
    const everywhere = await asCookie(b, 'DELETE', '/v1/sessions/current?everywhere=true');
    expect(everywhere.status).toBe(200);
    expect(everywhere.body.ended).toBeGreaterThanOrEqual(2);
    expect((await asCookie(c, 'GET', '/v1/consent-requests')).status).toBe(401);
    // A bearer caller has no session to describe or end.
    expect((await t.request('GET', '/v1/sessions/current', { token: managerToken })).status).toBe(404);
  });

  it('ends the sessions of a revoked token at their next request', async () => {
    const s = await signIn(managerToken);
    expect((await asCookie(s, 'GET', '/v1/consent-requests')).status).toBe(200);
    expect((await t.request('DELETE', `/v1/tokens/${managerTokenId}`)).status).toBe(200);
    expect((await asCookie(s, 'GET', '/v1/consent-requests')).status).toBe(401);
  });

  it('opens the queue dashboard to an admin session only', async () => {
    const admin = await signIn((await t.request('POST', '/v1/tokens', { body: { role: 'admin', name: 'ops' } })).body.token);
    const auditor = await signIn((await t.request('POST', '/v1/tokens', { body: { role: 'auditor', name: 'dpo' } })).body.token);
    expect((await asCookie(admin, 'GET', '/admin/queues/')).status).toBe(200);
    expect((await asCookie(auditor, 'GET', '/admin/queues/')).status).toBe(403);
    expect((await t.request('GET', '/admin/queues/', { token: '' })).status).toBe(401);
  });

  it('serves the console and the approval page with a CSP that allows no inline script', async () => {
    for (const path of ['/console/', '/console/tickets/6f1c0c56-0000-4000-8000-000000000000', '/approve/some-token']) {
      const res = await t.request('GET', path, { token: '' });
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div id="root">');
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
    }
    expect((await t.request('GET', '/console', { token: '' })).text).toContain('<div id="root">');
    const missing = await t.request('GET', '/console/assets/nothing-here.js', { token: '' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const traversal = await t.request('GET', '/console/assets/..%2f..%2fpackage.json', { token: '' });
    expect(traversal.text).not.toContain('"devDependencies"');
  });
});
