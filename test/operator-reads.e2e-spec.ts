import { ManualClock } from '@eea/config';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket } from '@eea/testing';

const MONDAY_11_BRUSSELS = '2026-11-23T10:00:00Z';

/**
 * What an operator reads back and the claim of one named ticket (SPEC 4): organisations, agents with
 * presence and load, consents by filter, `POST /v1/tickets/:id/claim`, `agent_unavailable`, the token's
 * agent check, consent requests that name the customer, and grants that take their scope from the request.
 */
describe('operator reads and named claims', () => {
  const clock = new ManualClock(new Date(MONDAY_11_BRUSSELS));
  let t: TestApp;
  let manager: string;
  let auditor: string;
  let de: string;
  let de2: string;
  let us: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedOrganization(t, 'acme', 'eea_only');
    await seedOrganization(t, 'globex', 'standard');
    de = await seedAgent(t, { id: 'op-de', country: 'DE', skills: ['named'], capacity: 1 });
    de2 = await seedAgent(t, { id: 'op-de2', country: 'DE', skills: ['named'] });
    us = await seedAgent(t, { id: 'op-us', country: 'US', skills: ['named'], status: 'away' });
    manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor lead' } })).body.token;
    auditor = (await t.request('POST', '/v1/tokens', { body: { role: 'auditor', name: 'dpo' } })).body.token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const eeaTicket = (extra: { problemRef?: string } = {}) =>
    seedTicket(t, { organizationId: 'acme', region: 'eu-central-1', severity: 2, skills: ['named'], ...extra });

  it('lists and reads organisations for admins and managers only', async () => {
    const list = await t.request('GET', '/v1/organizations', { token: manager });
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual(['acme', 'globex']);
    expect(list.body.items[0]).toMatchObject({ id: 'acme', name: 'Org acme', supportTier: 'eea_only' });
    expect((await t.request('GET', '/v1/organizations/globex')).body).toMatchObject({ id: 'globex', supportTier: 'standard' });
    expect((await t.request('GET', '/v1/organizations/nope')).status).toBe(404);
    expect((await t.request('GET', '/v1/organizations', { token: auditor })).status).toBe(403);
    expect((await t.request('GET', '/v1/organizations', { token: de })).status).toBe(403);
  });

  it('lists agents by status and country with their load, and reads one', async () => {
    const all = await t.request('GET', '/v1/agents', { token: manager });
    expect(all.body.items.map((a: { id: string }) => a.id)).toEqual(['op-de', 'op-de2', 'op-us']);
    const away = await t.request('GET', '/v1/agents?status=away', { token: manager });
    expect(away.body.items).toEqual([expect.objectContaining({ id: 'op-us', country: 'US', status: 'away', activeTickets: 0 })]);
    const german = await t.request('GET', '/v1/agents?country=DE&status=available', { token: manager });
    expect(german.body.items.map((a: { id: string }) => a.id)).toEqual(['op-de', 'op-de2']);
    const bad = await t.request('GET', '/v1/agents?status=sleeping&country=de', { token: manager });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['country', 'status']);
    expect((await t.request('GET', '/v1/agents/op-de', { token: manager })).body).toMatchObject({
      id: 'op-de',
      status: 'available',
      activeTickets: 0,
      capacity: 1,
    });
    expect((await t.request('GET', '/v1/agents/nobody', { token: manager })).status).toBe(404);
    expect((await t.request('GET', '/v1/agents', { token: de })).status).toBe(403);
  });

  it('claims a named ticket: 200 for an eligible agent, 409 when taken or at capacity, 404 when it may not work it', async () => {
    const first = await eeaTicket();
    const second = await eeaTicket();
    const res = await t.request('POST', `/v1/tickets/${first}/claim`, { token: de });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: first, status: 'assigned', assigneeId: 'op-de' });
    // Claiming what it already holds changes nothing.
    expect((await t.request('POST', `/v1/tickets/${first}/claim`, { token: de })).status).toBe(200);
    const taken = await t.request('POST', `/v1/tickets/${first}/claim`, { token: de2 });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('conflict');
    const full = await t.request('POST', `/v1/tickets/${second}/claim`, { token: de });
    expect(full.status).toBe(409);
    expect(full.body.error.message).toMatch(/capacity/);
    expect((await t.request('GET', '/v1/agents/op-de', { token: manager })).body.activeTickets).toBe(1);

    await t.request('POST', '/v1/agents/op-us/status', { body: { status: 'available' } });
    const foreign = await t.request('POST', `/v1/tickets/${second}/claim`, { token: us });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect((await t.request('POST', '/v1/tickets/00000000-0000-4000-8000-000000000000/claim', { token: de2 })).status).toBe(404);
    expect((await t.request('POST', `/v1/tickets/${second}/claim`, { token: manager })).status).toBe(403);
    expect((await t.request('POST', `/v1/tickets/${second}/claim`, { token: de2 })).body).toMatchObject({
      id: second,
      assigneeId: 'op-de2',
    });
    await t.request('POST', '/v1/agents/op-us/status', { body: { status: 'away' } });
  });

  it('tells an agent that is not available why it gets nothing, on both claim routes', async () => {
    const id = await eeaTicket();
    await t.request('POST', '/v1/agents/op-de2/status', { token: de2, body: { status: 'away' } });
    for (const [method, url] of [
      ['POST', '/v1/me/claims'],
      ['POST', `/v1/tickets/${id}/claim`],
    ]) {
      const res = await t.request(method, url, { token: de2 });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'agent_unavailable', message: expect.stringMatching(/away/) });
    }
    await t.request('POST', '/v1/agents/op-de2/status', { token: de2, body: { status: 'available' } });
  });

  it('refuses a token for an agent that does not exist', async () => {
    const res = await t.request('POST', '/v1/tokens', { body: { role: 'agent', agentId: 'nobody', name: 'ghost' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'agentId' })] });
  });

  it('names the customer on a consent request, grants from the request alone, and lists consents by filter', async () => {
    const id = await eeaTicket({ problemRef: 'PRB-9' });
    await t.request('POST', `/v1/tickets/${id}/claim`, { token: de2 });
    const asked = await t.request('POST', `/v1/tickets/${id}/escalations`, {
      token: de2,
      body: { country: 'US', reason: 'US storage team' },
    });
    expect(asked.status).toBe(409);
    const requestId = asked.body.error.details[0].consentRequestId;
    const pending = (await t.request('GET', '/v1/consent-requests', { token: manager })).body.items;
    const externalId = (await t.request('GET', `/v1/tickets/${id}`)).body.externalId;
    expect(pending).toEqual([
      expect.objectContaining({
        id: requestId,
        ticketId: id,
        organizationId: 'acme',
        externalId,
        country: 'US',
        reason: 'US storage team',
        requestedBy: 'op-de2',
        expiresAt: expect.stringMatching(/Z$/),
      }),
    ]);

    const granted = await t.request('POST', '/v1/consents', {
      token: manager,
      body: {
        consentRequestId: requestId,
        countries: ['US'],
        approvedBy: { name: 'Dana Customer' },
        evidence: 'mail #1',
      },
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ ticketId: id, scope: 'ticket', consentRequestId: requestId, status: 'active' });
    const problem = await t.request('POST', '/v1/consents', {
      token: manager,
      body: {
        organizationId: 'acme',
        problemRef: 'PRB-9',
        countries: ['US'],
        approvedBy: { name: 'Dana Customer' },
        evidence: 'mail #2',
      },
    });
    const other = await t.request('POST', '/v1/consents', {
      token: manager,
      body: {
        organizationId: 'acme',
        problemRef: 'PRB-1',
        countries: ['US'],
        approvedBy: { name: 'Dana Customer' },
        evidence: 'mail #3',
      },
    });
    await t.request('DELETE', `/v1/consents/${other.body.id}`, { token: manager });

    const ids = async (query: string, token = manager) => {
      const res = await t.request('GET', `/v1/consents${query}`, { token });
      expect(res.status).toBe(200);
      return res.body.items.map((c: { id: string }) => c.id).sort();
    };
    expect(await ids('?active=true')).toEqual([granted.body.id, problem.body.id].sort());
    expect(await ids('?active=false', auditor)).toEqual([other.body.id]);
    expect(await ids(`?ticketId=${id}`)).toEqual([granted.body.id, problem.body.id].sort());
    expect(await ids('?organizationId=acme&active=true', auditor)).toEqual([granted.body.id, problem.body.id].sort());
    expect(await ids('?organizationId=globex')).toEqual([]);
    expect((await t.request('GET', '/v1/consents?active=maybe', { token: manager })).status).toBe(400);
    expect((await t.request('GET', '/v1/consents', { token: de })).status).toBe(403);
  });
});
