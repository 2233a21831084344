import { DataSource } from 'typeorm';
import { AuditService, verifyAuditChain } from '@eea/audit';
import { ManualClock } from '@eea/config';
import { ConsentExpiryService } from '@eea/consent-gate';
import { Tx } from '@eea/queue';
import { TicketEntity } from '@eea/tickets';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket, waitFor } from '@eea/testing';

const MONDAY_11_BRUSSELS = '2026-11-23T10:00:00Z';
const HOUR = 3_600_000;

/**
 * The consent gate, told as one story (SPEC 3.5, 4): an EEA-only ticket escalated to the US waits
 * for the customer's consent, a US agent works it while the consent lasts, and loses it the moment
 * the consent is revoked or expires. Each scenario uses its own skill so agents claim only its tickets.
 */
describe('consent gate for US escalation', () => {
  const clock = new ManualClock(new Date(MONDAY_11_BRUSSELS));
  let t: TestApp;
  let ds: DataSource;
  let de: string;
  let us: string;
  let manager: string;
  let auditor: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ds = t.get(DataSource);
    await seedOrganization(t, 'acme', 'eea_only');
    await seedOrganization(t, 'globex', 'eea_only');
    de = await seedAgent(t, { id: 'agent-de', country: 'DE', skills: ['story'] });
    us = await seedAgent(t, { id: 'agent-us', country: 'US', skills: ['story', 'expiry', 'problem'] });
    manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor lead' } })).body.token;
    auditor = (await t.request('POST', '/v1/tokens', { body: { role: 'auditor', name: 'dpo' } })).body.token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const ticket = (id: string) => ds.getRepository(TicketEntity).findOneByOrFail({ id });
  const eeaTicket = (skill: string, extra: { organizationId?: string; problemRef?: string } = {}) =>
    seedTicket(t, { organizationId: 'acme', region: 'eu-central-1', severity: 2, skills: [skill], ...extra });
  const grant = (body: Record<string, unknown>, token = manager) =>
    t.request('POST', '/v1/consents', {
      token,
      body: { countries: ['US'], approvedBy: { name: 'Dana Customer', role: 'CISO' }, evidence: 'mail #4411', ...body },
    });

  describe('escalation, grant, transfer, revocation', () => {
    let ticketId: string;
    let requestId: string;
    let consentId: string;

    it('answers 409 consent_required and leaves the ticket with the escalating agent', async () => {
      ticketId = await eeaTicket('story');
      expect((await t.request('POST', '/v1/me/claims', { token: de })).body.id).toBe(ticketId);
      expect(
        (await t.request('POST', `/v1/tickets/${ticketId}/escalations`, { token: us, body: { country: 'US', reason: 'x' } }))
          .status,
      ).toBe(404);
      const cn = await t.request('POST', `/v1/tickets/${ticketId}/escalations`, {
        token: de,
        body: { country: 'CN', reason: 'x' },
      });
      expect(cn.status).toBe(400);
      expect(cn.body.error.details[0].field).toBe('country');

      const res = await t.request('POST', `/v1/tickets/${ticketId}/escalations`, {
        token: de,
        body: { country: 'US', reason: 'needs the US storage team' },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('consent_required');
      requestId = res.body.error.details[0].consentRequestId;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await ticket(ticketId)).toMatchObject({ status: 'assigned', assigneeId: 'agent-de', escalationCountry: null });
      // Asking again does not pile up requests.
      const again = await t.request('POST', `/v1/tickets/${ticketId}/escalations`, {
        token: de,
        body: { country: 'US', reason: 'still' },
      });
      expect(again.body.error.details[0].consentRequestId).toBe(requestId);
    });

    it('shows the pending request to managers only', async () => {
      const pending = await t.request('GET', '/v1/consent-requests?status=pending', { token: manager });
      expect(pending.status).toBe(200);
      expect(pending.body.items).toEqual([
        expect.objectContaining({
          id: requestId,
          ticketId,
          country: 'US',
          requestedByAgentId: 'agent-de',
          reason: 'needs the US storage team',
          status: 'pending',
        }),
      ]);
      expect((await t.request('GET', '/v1/consent-requests', { token: de })).status).toBe(403);
    });

    it('refuses grants by agents, of countries the policy does not unlock, and beyond the cap', async () => {
      expect((await grant({ ticketId, consentRequestId: requestId }, de)).status).toBe(403);
      const cn = await grant({ ticketId, countries: ['CN'] });
      expect(cn.status).toBe(400);
      expect(cn.body.error.details.map((d: { field: string }) => d.field)).toEqual(['countries']);
      const long = await grant({ ticketId, expiresAt: new Date(Date.parse(MONDAY_11_BRUSSELS) + 31 * 24 * HOUR).toISOString() });
      expect(long.status).toBe(400);
      expect(long.body.error.details.map((d: { field: string }) => d.field)).toEqual(['expiresAt']);
      expect((await grant({ ticketId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
      expect((await grant({ ticketId, organizationId: 'acme', problemRef: 'P' })).status).toBe(400);
    });

    it('grants US with the request: the escalation completes and a US agent can claim and read it', async () => {
      const res = await grant({ ticketId, consentRequestId: requestId });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        scope: 'ticket',
        ticketId,
        countries: ['US'],
        approvedBy: { name: 'Dana Customer', role: 'CISO' },
        evidence: 'mail #4411',
        status: 'active',
        consentRequestId: requestId,
        grantedAt: '2026-11-23T10:00:00.000Z',
        expiresAt: '2026-11-30T10:00:00.000Z',
        revokedAt: null,
      });
      consentId = res.body.id;
      // Done in the granting transaction, not eventually.
      expect(await ticket(ticketId)).toMatchObject({
        status: 'queued',
        assigneeId: null,
        escalationCountry: 'US',
        allowedCountries: ['US'],
      });
      expect((await t.request('GET', `/v1/tickets/${ticketId}`, { token: de })).status).toBe(404);
      expect((await t.request('GET', '/v1/consent-requests', { token: manager })).body.items).toEqual([]);
      expect((await t.request('POST', '/v1/me/claims', { token: de })).status).toBe(204);

      const claimed = await t.request('POST', '/v1/me/claims', { token: us });
      expect(claimed.body).toMatchObject({ id: ticketId, status: 'assigned', assigneeId: 'agent-us' });
      clock.advance(1_000);
      expect((await t.request('GET', `/v1/tickets/${ticketId}`, { token: us })).status).toBe(200);
    });

    it('lists the US accesses as transfers, in JSON and CSV', async () => {
      const json = await t.request('GET', '/v1/transfers', { token: auditor });
      expect(json.status).toBe(200);
      expect(json.body.truncated).toBe(false);
      expect(json.body.items).toEqual([
        { ticketId, agentId: 'agent-us', country: 'US', action: 'claim', consentId, at: '2026-11-23T10:00:00.000Z' },
        { ticketId, agentId: 'agent-us', country: 'US', action: 'read', consentId, at: '2026-11-23T10:00:01.000Z' },
      ]);
      for (const csv of [
        await t.request('GET', '/v1/transfers', { token: auditor, headers: { accept: 'text/csv' } }),
        await t.request('GET', '/v1/transfers?format=csv', { token: auditor }),
      ]) {
        expect(csv.status).toBe(200);
        expect(csv.headers['content-type']).toMatch(/^text\/csv/);
        const lines = csv.text.trim().split('\r\n');
        expect(lines[0]).toBe('ticketId,agentId,country,action,consentId,at');
        expect(lines.slice(1)).toEqual([
          `${ticketId},agent-us,US,claim,${consentId},2026-11-23T10:00:00.000Z`,
          `${ticketId},agent-us,US,read,${consentId},2026-11-23T10:00:01.000Z`,
        ]);
      }
      expect(
        (await t.request('GET', '/v1/transfers?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z', { token: auditor })).body
          .items,
      ).toEqual([]);
      const bad = await t.request('GET', '/v1/transfers?from=last-week', { token: auditor });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].field).toBe('from');
      expect((await t.request('GET', '/v1/transfers', { token: manager })).status).toBe(403);
    });

    it('revocation takes the ticket from the US agent before the response returns', async () => {
      const res = await t.request('DELETE', `/v1/consents/${consentId}`, { token: manager });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: consentId, status: 'revoked', revokedAt: '2026-11-23T10:00:01.000Z' });
      expect((await t.request('GET', `/v1/tickets/${ticketId}`, { token: us })).status).toBe(404);
      const after = await ticket(ticketId);
      // The escalation ended with its consent: back to the tier's own pool, never wider.
      expect(after).toMatchObject({ status: 'queued', assigneeId: null, escalationCountry: null });
      expect(after.allowedCountries).toContain('DE');
      expect(after.allowedCountries).not.toContain('US');

      clock.advance(60_000);
      const twice = await t.request('DELETE', `/v1/consents/${consentId}`, { token: manager });
      expect(twice.status).toBe(200);
      expect(twice.body.revokedAt).toBe(res.body.revokedAt);
      expect((await t.request('DELETE', '/v1/consents/00000000-0000-4000-8000-000000000000', { token: manager })).status).toBe(
        404,
      );
      expect((await t.request('DELETE', `/v1/consents/${consentId}`, { token: de })).status).toBe(403);
      expect((await t.request('POST', '/v1/me/claims', { token: us })).status).toBe(204);
    });

    it('escalates at once (202) to a country the ticket already allows, narrowing it to that country', async () => {
      expect((await t.request('POST', '/v1/me/claims', { token: de })).body.id).toBe(ticketId);
      const res = await t.request('POST', `/v1/tickets/${ticketId}/escalations`, {
        token: de,
        body: { country: 'FR', reason: 'French-speaking expert' },
      });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        id: ticketId,
        status: 'queued',
        assigneeId: null,
        escalationCountry: 'FR',
        allowedCountries: ['FR'],
      });
      expect((await t.request('POST', '/v1/me/claims', { token: de })).status).toBe(204);
      expect(
        (await t.request('POST', `/v1/tickets/${ticketId}/escalations`, { token: de, body: { country: 'FR', reason: '' } }))
          .status,
      ).toBe(400);
    });

    it('lets an unanswered request lapse after CONSENT_REQUEST_TTL_SECONDS; it can no longer be granted', async () => {
      const id = await eeaTicket('story');
      expect((await t.request('POST', '/v1/me/claims', { token: de })).body.id).toBe(id);
      const res = await t.request('POST', `/v1/tickets/${id}/escalations`, { token: de, body: { country: 'US', reason: 'r' } });
      const lapsing = res.body.error.details[0].consentRequestId;
      clock.advance(86_400_000);
      expect((await t.request('GET', '/v1/consent-requests', { token: manager })).body.items).toEqual([]);
      const expired = await t.request('GET', '/v1/consent-requests?status=expired', { token: manager });
      expect(expired.body.items.map((r: { id: string }) => r.id)).toEqual([lapsing]);
      expect((await grant({ ticketId: id, consentRequestId: lapsing })).status).toBe(409);
      expect((await t.request('POST', `/v1/tickets/${id}/release`, { token: de })).status).toBe(200);
    });
  });

  it('a short consent stops at expiresAt exactly, and the expiry job takes the ticket back', async () => {
    const id = await eeaTicket('expiry');
    const expiresAt = new Date(clock.now().getTime() + HOUR);
    const consent = (await grant({ ticketId: id, expiresAt: expiresAt.toISOString() })).body;
    await waitFor(async () => (await ticket(id)).allowedCountries?.includes('US'), 10_000, 'consent routed');
    expect((await t.request('POST', '/v1/me/claims', { token: us })).body.id).toBe(id);

    clock.set(new Date(expiresAt.getTime() - 1));
    expect((await t.request('GET', `/v1/tickets/${id}`, { token: us })).status).toBe(200);
    clock.set(expiresAt);
    // Reads evaluate live: refused at the instant, before any job has run.
    expect((await t.request('GET', `/v1/tickets/${id}`, { token: us })).status).toBe(404);
    expect(await t.get(ConsentExpiryService).expire(consent.id)).toBe(true);
    await waitFor(async () => (await ticket(id)).status === 'queued', 10_000, 'expired consent taken back');
    expect(await ticket(id)).toMatchObject({ assigneeId: null });
    expect((await ticket(id)).allowedCountries).not.toContain('US');
  });

  it('the sweep duty hands a lapsed consent whose expiry was never processed to a new expiry job', async () => {
    const id = await eeaTicket('expiry');
    const expiresAt = new Date(clock.now().getTime() + HOUR);
    const consent = (await grant({ ticketId: id, expiresAt: expiresAt.toISOString() })).body;
    const expiry = t.get(ConsentExpiryService);
    expect(await expiry.expireLapsed(clock.now())).toBe(0);
    // The job staged with the grant is due in an hour of real time: as far as this test goes, it is lost.
    clock.set(expiresAt);
    const stageAll = jest.spyOn(Tx.prototype, 'stageAll');
    expect(await expiry.expireLapsed(clock.now())).toBe(1);
    const staged = stageAll.mock.calls.flatMap(([jobs]) => jobs).filter((j) => j.jobName === 'expire-consent');
    stageAll.mockRestore();
    expect(staged.map((j) => j.payload)).toEqual([{ consentId: consent.id }]);
    expect(await expiry.expire(consent.id)).toBe(true);
    expect(await expiry.expireLapsed(clock.now())).toBe(0);
  });

  it('a problem consent covers current and future tickets of that organisation and problem, and nothing else', async () => {
    const before = await eeaTicket('problem', { problemRef: 'PRB-7' });
    const otherProblem = await eeaTicket('problem', { problemRef: 'PRB-8' });
    const otherOrg = await eeaTicket('problem', { organizationId: 'globex', problemRef: 'PRB-7' });
    const res = await grant({ organizationId: 'acme', problemRef: 'PRB-7' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ scope: 'problem', ticketId: null, organizationId: 'acme', problemRef: 'PRB-7' });
    const after = await eeaTicket('problem', { problemRef: 'PRB-7' });
    await waitFor(async () => (await ticket(before)).allowedCountries?.includes('US'), 10_000, 'problem consent routed');

    const canRead = async (id: string) => (await t.request('GET', `/v1/tickets/${id}`, { token: us })).status;
    expect(await canRead(before)).toBe(200);
    expect(await canRead(after)).toBe(200);
    expect(await canRead(otherProblem)).toBe(404);
    expect(await canRead(otherOrg)).toBe(404);
    expect((await ticket(after)).allowedCountries).toContain('US');
    expect((await ticket(otherProblem)).allowedCountries).not.toContain('US');
    expect((await ticket(otherOrg)).allowedCountries).not.toContain('US');
    expect(
      (
        await t.request('POST', '/v1/consents', {
          token: manager,
          body: {
            organizationId: 'nobody',
            problemRef: 'PRB-7',
            countries: ['US'],
            approvedBy: { name: 'x' },
            evidence: 'y',
          },
        })
      ).status,
    ).toBe(404);
  });

  it("audits every step without the customer's or agent's words, and the chain verifies", async () => {
    const res = await t.request('GET', '/v1/audit', { token: auditor });
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    for (const action of [
      'token.created',
      'consent.requested',
      'consent.granted',
      'ticket.escalated',
      'consent.revoked',
      'consent.expired',
    ]) {
      expect(actions).toContain(action);
    }
    expect(res.body.items[0]).toMatchObject({ seq: 1, prevHash: '0'.repeat(64), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const text = JSON.stringify(res.body);
    for (const pi of ['Dana Customer', 'CISO', 'mail #4411', 'needs the US storage team']) expect(text).not.toContain(pi);
    expect(t.logs.join('\n')).not.toContain('Dana Customer');
    expect(await verifyAuditChain(t.get(AuditService))).toMatchObject({ ok: true, checked: res.body.items.length });
  });
});
