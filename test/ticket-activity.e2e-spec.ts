import { ManualClock } from '@eea/config';
import { RouterService } from '@eea/routing';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket } from '@eea/testing';

const MONDAY_11_BRUSSELS = '2026-11-23T10:00:00Z';

/**
 * What a manager reads about one ticket (SPEC 4): decisions that say what triggered them and are only
 * written when something changed, the ticket's activity with who and when, and the audit log naming
 * the token (name and role) behind each entry, as JSON or CSV.
 */
describe('ticket activity, decision triggers and audit actors', () => {
  const clock = new ManualClock(new Date(MONDAY_11_BRUSSELS));
  let t: TestApp;
  let de: string;
  let us: string;
  let manager: string;
  let auditor: string;
  let ticketId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedOrganization(t, 'acme', 'eea_only');
    de = await seedAgent(t, { id: 'act-de', country: 'DE', skills: ['activity'] });
    us = await seedAgent(t, { id: 'act-us', country: 'US', skills: ['activity'] });
    manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor lead' } })).body.token;
    auditor = (await t.request('POST', '/v1/tokens', { body: { role: 'auditor', name: 'dpo' } })).body.token;
    ticketId = await seedTicket(t, { organizationId: 'acme', region: 'eu-central-1', severity: 2, skills: ['activity'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const decisions = async () =>
    (await t.request('GET', `/v1/tickets/${ticketId}/decisions`, { token: manager })).body.items as Array<{
      trigger: string;
      outcome: string;
    }>;
  const step = () => clock.advance(60_000);

  it('walks a ticket through claim, release, escalation with consent, revocation and resolution', async () => {
    step();
    expect((await t.request('POST', `/v1/tickets/${ticketId}/claim`, { token: de })).status).toBe(200);
    step();
    expect((await t.request('POST', `/v1/tickets/${ticketId}/release`, { token: de })).status).toBe(200);
    step();
    expect((await t.request('POST', '/v1/me/claims', { token: de })).body.id).toBe(ticketId);
    const asked = await t.request('POST', `/v1/tickets/${ticketId}/escalations`, {
      token: de,
      body: { country: 'US', reason: 'storage team' },
    });
    step();
    const consent = await t.request('POST', '/v1/consents', {
      token: manager,
      body: {
        consentRequestId: asked.body.error.details[0].consentRequestId,
        countries: ['US'],
        approvedBy: { name: 'Dana Customer' },
        evidence: 'mail',
      },
    });
    expect(consent.status).toBe(201);
    step();
    expect((await t.request('POST', `/v1/tickets/${ticketId}/claim`, { token: us })).status).toBe(200);
    // The grant's own routing request arriving late, once the ticket is held: nothing changed, nothing to record.
    await t.get(RouterService).route(ticketId, 'consent_granted');
    step();
    expect((await t.request('DELETE', `/v1/consents/${consent.body.id}`, { token: manager })).status).toBe(200);
    step();
    expect((await t.request('POST', `/v1/tickets/${ticketId}/claim`, { token: de })).status).toBe(200);
    expect((await t.request('POST', `/v1/tickets/${ticketId}/resolve`, { token: de })).status).toBe(200);
  });

  it('records each decision with its trigger, and none for an evaluation that changed nothing', async () => {
    const before = await decisions();
    expect(before.map((d) => d.trigger).reverse()).toEqual(['intake', 'agent_change', 'consent_granted', 'consent_revoked']);
    // Resolved tickets are not routed again at all.
    await t.get(RouterService).route(ticketId, 'sweeper');
    expect(await decisions()).toHaveLength(before.length);
  });

  it("shows the ticket's activity with who and when, to managers, admins and auditors", async () => {
    const res = await t.request('GET', `/v1/tickets/${ticketId}/activity`, { token: auditor });
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{
      at: string;
      kind: string;
      actor: Record<string, unknown>;
      details: Record<string, unknown>;
    }>;
    expect(items.map((i) => i.kind)).toEqual([
      'routed',
      'claimed',
      'released',
      'routed',
      'claimed',
      'escalated',
      'routed',
      'claimed',
      'routed',
      'taken_back',
      'claimed',
      'resolved',
    ]);
    expect(items[0]).toMatchObject({
      at: '2026-11-23T10:00:00.000Z',
      actor: { type: 'system' },
      details: { trigger: 'intake', outcome: 'queued' },
    });
    expect(items[1]).toEqual({
      at: '2026-11-23T10:01:00.000Z',
      kind: 'claimed',
      actor: { type: 'agent', agentId: 'act-de' },
      details: {},
    });
    expect(items[2]).toMatchObject({ kind: 'released', actor: { type: 'agent', agentId: 'act-de' } });
    expect(items[5]).toMatchObject({
      at: '2026-11-23T10:04:00.000Z',
      kind: 'escalated',
      actor: { type: 'token', name: 'floor lead', role: 'manager' },
      details: { country: 'US', requestedBy: 'act-de' },
    });
    expect(items[6].details).toMatchObject({ trigger: 'consent_granted', allowedCountries: ['US'] });
    expect(items[7]).toMatchObject({ kind: 'claimed', actor: { agentId: 'act-us' } });
    expect(items[9]).toMatchObject({
      kind: 'taken_back',
      actor: { type: 'system' },
      details: { agentId: 'act-us', trigger: 'consent_revoked' },
    });
    expect(items[11]).toMatchObject({ kind: 'resolved', actor: { agentId: 'act-de' } });
    expect((await t.request('GET', `/v1/tickets/${ticketId}/activity`, { token: de })).status).toBe(403);
    expect((await t.request('GET', '/v1/tickets/00000000-0000-4000-8000-000000000000/activity')).status).toBe(404);
  });

  it('names the token behind each audit entry, in JSON and in CSV', async () => {
    const json = await t.request('GET', '/v1/audit', { token: auditor });
    const granted = json.body.items.find((e: { action: string }) => e.action === 'consent.granted');
    expect(granted.actor).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'floor lead', role: 'manager' });
    expect(json.body.items.find((e: { action: string }) => e.action === 'ticket.escalated').actor).toEqual({
      id: 'system',
      name: 'system',
      role: null,
    });

    for (const res of [
      await t.request('GET', '/v1/audit?format=csv', { token: auditor }),
      await t.request('GET', '/v1/audit', { token: auditor, headers: { accept: 'text/csv' } }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['x-truncated']).toBe('false');
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe('seq,at,actorId,actorName,actorRole,action,subjectType,subjectId,details,prevHash,hash');
      expect(lines).toHaveLength(json.body.items.length + 1);
      expect(lines.find((l) => l.includes(',consent.granted,'))).toContain(
        `${granted.actor.id},floor lead,manager,consent.granted`,
      );
    }
  });
});
