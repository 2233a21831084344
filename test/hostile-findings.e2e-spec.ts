import { DataSource } from 'typeorm';
import { ADMIN_TOKEN, TestApp, createTestApp, seedAgent, seedOrganization } from '@eea/testing';
import { ERROR_SHAPE, expectRejected, tableCounts } from './hostile-support';
import { genericTicket, sendGeneric } from './intake-helpers';

/** Each numbered finding of the hostile-input review (issue 13), as it was sent, against a real instance. */
describe('hostile input: findings 1, 2, 7, 8, 9 and unknown-region hours', () => {
  let t: TestApp;
  let manager: string;
  let agent: string;

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'lead' } })).body.token;
    agent = await seedAgent(t, { id: 'hostile-de', country: 'DE' });
    await seedOrganization(t, 'acme', 'eea_only');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sends, expects 400 naming `field`, and checks that no table changed. */
  async function refused(method: string, url: string, body: unknown, field: string, token = ADMIN_TOKEN) {
    const before = await tableCounts(t.get(DataSource));
    const res = await t.request(method, url, { token, raw: JSON.stringify(body) });
    expect([url, expectRejected(res, 400)]).toEqual([url, expect.arrayContaining([field])]);
    expect(await tableCounts(t.get(DataSource))).toEqual(before);
  }

  describe('(1) text PostgreSQL cannot store, timestamps it cannot hold, nulls: 400 naming the field, nothing stored', () => {
    const consent = {
      organizationId: 'acme',
      problemRef: 'PRB-1',
      countries: ['US'],
      approvedBy: { name: 'Dana' },
      evidence: 'call 1',
    };
    it.each([
      ['PUT', '/v1/agents/a-1', { name: 'A\u0000', country: 'DE' }, 'name', 'admin'],
      ['PUT', '/v1/organizations/o-1', { name: 'O\u0000', supportTier: 'standard' }, 'name', 'admin'],
      ['POST', '/v1/tokens', { role: 'auditor', name: 'x\u0000y' }, 'name', 'admin'],
      ['POST', '/v1/consents', { ...consent, evidence: 'mail\u0000' }, 'evidence', 'manager'],
      ['POST', '/v1/consents', { ...consent, approvedBy: { name: 'D\u0000' } }, 'approvedBy.name', 'manager'],
      ['POST', '/v1/consents', { ...consent, approvedBy: { name: 'D', role: '\u0000' } }, 'approvedBy.role', 'manager'],
      ['POST', '/v1/consents', { ...consent, problemRef: 'PRB\u0000' }, 'problemRef', 'manager'],
      ['POST', '/v1/consents', { ...consent, problemRef: '\ud800' }, 'problemRef', 'manager'],
      ['POST', '/v1/consents', { ...consent, organizationId: null }, 'organizationId', 'manager'],
      ['POST', '/v1/consents', { ...consent, problemRef: null }, 'problemRef', 'manager'],
      [
        'POST',
        '/v1/consents',
        { ...consent, organizationId: undefined, problemRef: undefined, ticketId: null },
        'ticketId',
        'manager',
      ],
      ['POST', '/v1/consents', { ...consent, approvedBy: [] }, 'approvedBy', 'manager'],
      ['POST', '/v1/consents', { ...consent, expiresAt: '-271821-04-20T00:00:00Z' }, 'expiresAt', 'manager'],
      ['POST', '/v1/privacy/export', { email: null }, 'email', 'admin'],
      ['POST', '/v1/privacy/erase', { phone: null }, 'phone', 'admin'],
      [
        'POST',
        '/v1/policy/simulate',
        { at: '2026-W47-1', ticket: { region: 'eu-west-1', severity: 1 }, agents: [] },
        'at',
        'admin',
      ],
    ])('%s %s %j → 400 naming %s', async (method, url, body, field, role) => {
      await refused(method, url, body, field, role === 'manager' ? manager : ADMIN_TOKEN);
    });

    it('escalation reasons with NUL are refused before the handler (any ticket id)', async () => {
      await refused(
        'POST',
        '/v1/tickets/0b7c2d1e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/escalations',
        { country: 'US', reason: 'r\u0000' },
        'reason',
        agent,
      );
    });

    it.each([
      [{ region: 'eu-west-1\u0000' }, 'ticket.region'],
      [{ category: 'c\u0000' }, 'ticket.category'],
      [{ language: 'd\u0000' }, 'ticket.language'],
      [{ skills: ['voice', 's\u0000'] }, 'ticket.skills'],
      [{ problemRef: '\udc00' }, 'ticket.problemRef'],
      [{ updatedAt: '2026-W47-1' }, 'ticket.updatedAt'],
      [{ updatedAt: '2026-327' }, 'ticket.updatedAt'],
      [{ updatedAt: '20261123T100000Z' }, 'ticket.updatedAt'],
      [{ updatedAt: '+275760-09-13T00:00:00Z' }, 'ticket.updatedAt'],
    ])('generic webhook %j → 400 naming %s', async (overrides, field) => {
      const before = await tableCounts(t.get(DataSource));
      expect(expectRejected(await sendGeneric(t, genericTicket(overrides)), 400)).toContain(field);
      expect(await tableCounts(t.get(DataSource))).toEqual(before);
    });
  });

  it('(2) answers 400 to every cursor it did not issue, and never lets cursor text pick the status or reach the log', async () => {
    const craft = (text: string) => Buffer.from(text).toString('base64url');
    const id = '0b7c2d1e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
    for (const cursor of [
      craft(`1|${id}`),
      craft(`foo 1|${'a'.repeat(36)}`),
      craft(`connection error ${Date.now()}|${id}`),
      craft(`2026-11-23|${id}`),
    ]) {
      expect(expectRejected(await t.request('GET', `/v1/tickets?cursor=${cursor}`), 400)).toEqual(['cursor']);
    }
    expect(t.logs.join('\n')).not.toContain('connection error');
  });

  it('(7) names an unknown key by its path without echoing it, unless it is a field name the API uses', async () => {
    const res = await t.request('POST', '/v1/tokens', {
      body: { role: 'auditor', name: 'x', 'jane@example.test': 1, severity: 2 },
    });
    expect(expectRejected(res, 400).sort()).toEqual(['<unknown key>', 'severity']);
    expect(res.text).not.toContain('jane@example.test');
    const hook = await sendGeneric(t, genericTicket({ requester: { email: 'a@example.test', 'bob@example.test': 'x' } }));
    expect(expectRejected(hook, 400)).toEqual(['ticket.requester.<unknown key>']);
    expect(hook.text).not.toContain('bob@example.test');
  });

  it('(8) answers malformed URLs, wrong content types and empty JSON bodies in the common error shape', async () => {
    expect(expectRejected(await t.request('GET', '/v1/tickets/%00%ff'), 400)).toEqual(['url']);
    expect(expectRejected(await t.request('GET', '/v1/organizations/%E0%A4%A'), 400)).toEqual(['url']);
    const text = await t.request('POST', '/v1/tokens', {
      raw: '<role>admin</role>',
      headers: { 'content-type': 'application/xml' },
    });
    expectRejected(text, 415);
    expect(text.body.error.code).toBe('unsupported_media_type');
    expect(expectRejected(await t.request('POST', '/v1/tokens', { raw: '{"role": ' }), 400)).toEqual(['body']);
    expectRejected(await t.request('POST', '/v1/tokens', { raw: '' }), 400);
  });

  it('(9) accepts body-less POST and DELETE with Content-Type: application/json', async () => {
    const claim = await t.request('POST', '/v1/me/claims', { token: agent, raw: '' });
    expect(claim.status).toBe(204);
    const unknown = '0b7c2d1e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
    for (const [method, url, token] of [
      ['POST', `/v1/tickets/${unknown}/release`, agent],
      ['POST', `/v1/tickets/${unknown}/resolve`, agent],
      ['DELETE', `/v1/consents/${unknown}`, manager],
    ] as const) {
      const res = await t.request(method, url, { token, raw: '' });
      expect([url, res.status, res.body]).toEqual([url, 404, ERROR_SHAPE]);
    }
  });

  it("(SPEC 3.1) routes a standard organisation's unknown-region ticket 24x7, to EEA-only countries", async () => {
    const saturday = '2026-11-28T22:00:00Z';
    const standard = await t.request('POST', '/v1/policy/simulate', {
      body: {
        at: saturday,
        ticket: { region: 'mars-north-1', severity: 3, tier: 'standard' },
        agents: [
          { id: 'de', country: 'DE' },
          { id: 'in', country: 'IN' },
        ],
      },
    });
    expect(standard.body).toMatchObject({
      jurisdiction: 'UNKNOWN',
      routable: true,
      deferredUntil: null,
      flags: ['unknown_region'],
    });
    expect(standard.body.agents).toEqual([
      expect.objectContaining({ id: 'de', eligible: true }),
      expect.objectContaining({ id: 'in', eligible: false }),
    ]);
    const eeaOnly = await t.request('POST', '/v1/policy/simulate', {
      body: { at: saturday, ticket: { region: 'mars-north-1', severity: 3, tier: 'eea_only' }, agents: [] },
    });
    expect(eeaOnly.body).toMatchObject({ routable: false, deferredUntil: '2026-11-30T08:00:00.000Z' });
  });
});
