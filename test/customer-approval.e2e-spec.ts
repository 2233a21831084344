import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { ManualClock } from '@eea/config';
import { ApprovalRateLimiter } from '@eea/consent-approval';
import { verifyReceipt } from '@eea/consent-gate';
import { PseudonymService } from '@eea/privacy';
import { TicketEntity } from '@eea/tickets';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket, waitFor } from '@eea/testing';

const MONDAY_11_BRUSSELS = '2026-11-23T10:00:00Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PUBLIC_URL = 'https://support.example.test/router';

/** A ticketing system's event endpoint: every event the service sends out. */
function eventSink() {
  const received: Array<{ type: string; data: Record<string, unknown> }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  return { server, received };
}

/**
 * Customer approval (SPEC 9), told as the customer lives it: a manager sends a link, the customer's
 * approver reads what is asked, approves, and the US expert works the ticket; the approver revokes
 * and the expert loses it at once. Then denial, one decision per link, and links that are unknown,
 * expired or tampered with. Each scenario uses its own skill so agents claim only its tickets.
 */
describe('customer approval through a link', () => {
  const clock = new ManualClock(new Date(MONDAY_11_BRUSSELS));
  const sink = eventSink();
  let t: TestApp;
  let us: string;
  let manager: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    const { port } = sink.server.address() as AddressInfo;
    t = await createTestApp({
      clock,
      env: {
        PUBLIC_URL: `${PUBLIC_URL}/`,
        OUTBOUND_WEBHOOK_URL: `http://127.0.0.1:${port}/events`,
        OUTBOUND_WEBHOOK_SECRET: 'sink-secret',
        // Request lines (4xx at info) are captured, so the test sees that no token reaches a log.
        LOG_LEVEL: 'info',
        APPROVAL_LINK_RATE_LIMIT_PER_MINUTE: '12',
        APPROVAL_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000',
      },
    });
    await seedOrganization(t, 'acme', 'eea_only');
    us = await seedAgent(t, { id: 'agent-us', country: 'US', skills: ['story', 'deny', 'twice', 'expiry'] });
    manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor lead' } })).body.token;
  });
  afterAll(async () => {
    await t?.close();
    sink.server.close();
  });

  const ticket = (id: string) => t.get(DataSource).getRepository(TicketEntity).findOneByOrFail({ id });
  const pub = (method: string, path: string, body?: unknown) => t.request(method, path, { token: '', body });
  const decide = (token: string, body: Record<string, unknown>) => pub('POST', `/v1/approvals/${token}`, body);
  const approve = (token: string, extra: Record<string, unknown> = {}) =>
    decide(token, { decision: 'approve', approver: { name: 'Dana Customer', role: 'CISO' }, ...extra });

  /** A DE agent holds an EEA-only ticket and asks for the US: the consent request the customer is asked about. */
  async function escalated(skill: string): Promise<{ ticketId: string; requestId: string; de: string }> {
    // One DE agent per scenario: a ticket an earlier scenario sent back to the queue is not in its way.
    const de = await seedAgent(t, { id: `de-${skill}`, country: 'DE', skills: [skill] });
    const ticketId = await seedTicket(t, {
      organizationId: 'acme',
      region: 'eu-central-1',
      severity: 2,
      skills: [skill],
      externalId: `ZD-${skill}`,
    });
    expect((await t.request('POST', '/v1/me/claims', { token: de })).body.id).toBe(ticketId);
    const res = await t.request('POST', `/v1/tickets/${ticketId}/escalations`, {
      token: de,
      body: { country: 'US', reason: 'needs the US storage team' },
    });
    expect(res.status).toBe(409);
    return { ticketId, requestId: res.body.error.details[0].consentRequestId, de };
  }
  async function link(requestId: string, body: Record<string, unknown> = {}): Promise<string> {
    const res = await t.request('POST', `/v1/consent-requests/${requestId}/approval-links`, { token: manager, body });
    expect(res.status).toBe(201);
    return (res.body.url as string).split('/').pop()!;
  }

  describe('the whole story: link, page, approve, claim, revoke', () => {
    let ticketId: string;
    let requestId: string;
    let token: string;
    let consentId: string;

    it('gives a manager a link under PUBLIC_URL and sends it to the ticketing system as an event', async () => {
      let de: string;
      ({ ticketId, requestId, de } = await escalated('story'));
      expect((await t.request('POST', `/v1/consent-requests/${requestId}/approval-links`, { token: de, body: {} })).status).toBe(
        403,
      );
      const res = await t.request('POST', `/v1/consent-requests/${requestId}/approval-links`, { token: manager, body: {} });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        url: expect.stringMatching(/^https:\/\/support\.example\.test\/router\/approve\/[A-Za-z0-9_-]{43}$/),
        expiresAt: new Date(Date.parse(MONDAY_11_BRUSSELS) + 72 * HOUR).toISOString(),
      });
      token = res.body.url.split('/').pop();
      const hashes = await t.get(DataSource).query('SELECT token_hash FROM approval_links');
      expect(JSON.stringify(hashes)).not.toContain(token);
      await waitFor(
        async () => sink.received.some((e) => e.type === 'consent.approval_requested'),
        20_000,
        'approval requested event',
      );
      expect(sink.received.find((e) => e.type === 'consent.approval_requested')!.data).toMatchObject({
        consentRequestId: requestId,
        ticketId,
        ticketExternalId: 'ZD-story',
        source: 'generic',
        organizationId: 'acme',
        country: 'US',
        url: res.body.url,
      });
    });

    it('shows the page what is asked, without personal data', async () => {
      const res = await pub('GET', `/v1/approvals/${token}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        request: {
          id: requestId,
          ticketExternalId: 'ZD-story',
          organizationId: 'acme',
          severity: 2,
          country: 'US',
          reason: 'needs the US storage team',
          scope: 'ticket',
          expiresAt: '2026-11-26T10:00:00.000Z',
          defaultDurationDays: 7,
          maxDurationDays: 30,
        },
        status: 'pending',
      });
      expect(res.text).not.toMatch(/de-story|Agent /);
    });

    it('refuses a duration beyond the policy and an approval without an approver, changing nothing', async () => {
      const long = await approve(token, { durationDays: 31 });
      expect(long.status).toBe(400);
      expect(long.body.error.details.map((d: { field: string }) => d.field)).toEqual(['durationDays']);
      const anonymous = await decide(token, { decision: 'approve' });
      expect(anonymous.status).toBe(400);
      expect(anonymous.body.error.details[0].field).toBe('approver');
      expect((await pub('GET', `/v1/approvals/${token}`)).body.status).toBe('pending');
    });

    it('approves: the consent is active and the escalation done before the answer; a US agent claims', async () => {
      const res = await approve(token, { durationDays: 3 });
      expect(res.status).toBe(201);
      expect(res.body.consent).toEqual({
        id: expect.any(String),
        scope: 'ticket',
        countries: ['US'],
        status: 'active',
        approvedVia: 'customer_link',
        grantedAt: '2026-11-23T10:00:00.000Z',
        expiresAt: '2026-11-26T10:00:00.000Z',
        revokedAt: null,
      });
      expect(res.body.receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      consentId = res.body.consent.id;
      const keys = (await pub('GET', '/.well-known/jwks.json')).body;
      expect((await verifyReceipt(res.body.receipt, keys)).claims).toEqual({
        consentId,
        requestId,
        organizationId: 'acme',
        ticketExternalId: 'ZD-story',
        countries: ['US'],
        grantedAt: '2026-11-23T10:00:00.000Z',
        expiresAt: '2026-11-26T10:00:00.000Z',
        approvedVia: 'customer_link',
      });
      expect((await t.request('GET', `/v1/consents/${consentId}/receipt`, { token: manager })).body).toEqual({
        receipt: res.body.receipt,
      });
      expect(await ticket(ticketId)).toMatchObject({
        status: 'queued',
        assigneeId: null,
        escalationCountry: 'US',
        allowedCountries: ['US'],
      });
      // A claim skips a ticket the worker is re-routing at that instant (SKIP LOCKED): ask again until it is free.
      let claimed: { status: number; body: unknown } = { status: 0, body: null };
      await waitFor(
        async () => (claimed = await t.request('POST', '/v1/me/claims', { token: us })).status !== 204,
        10_000,
        'US claim',
      );
      expect(claimed.body).toMatchObject({ id: ticketId, assigneeId: 'agent-us' });
      const granted = await t.request('GET', `/v1/consents?ticketId=${ticketId}`, { token: manager });
      if (granted.status === 200)
        expect(granted.body.items[0]).toMatchObject({ approvedBy: { name: 'Dana Customer', role: 'CISO' } });
      const request = await t.request('GET', `/v1/consent-requests/${requestId}`, { token: manager });
      expect(request.body).toMatchObject({ status: 'granted', consentId, customerDecision: { decision: 'approved' } });
    });

    it('takes one decision per link: a second one is 409, and so is a manager grant of the answered request', async () => {
      const again = await decide(token, { decision: 'deny' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('conflict');
      const grant = await t.request('POST', '/v1/consents', {
        token: manager,
        body: {
          ticketId,
          countries: ['US'],
          approvedBy: { name: 'X' },
          evidence: 'mail',
          consentRequestId: requestId,
        },
      });
      expect(grant.status).toBe(409);
      const page = await pub('GET', `/v1/approvals/${token}`);
      expect(page.body).toMatchObject({ status: 'approved', consent: { id: consentId, status: 'active' } });
    });

    it('lets the customer revoke: the US agent loses the ticket before the answer', async () => {
      clock.advance(60_000);
      expect((await t.request('GET', `/v1/tickets/${ticketId}`, { token: us })).status).toBe(200);
      const res = await pub('POST', `/v1/approvals/${token}/revoke`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: consentId, status: 'revoked', revokedAt: '2026-11-23T10:01:00.000Z' });
      expect((await t.request('GET', `/v1/tickets/${ticketId}`, { token: us })).status).toBe(404);
      expect(await ticket(ticketId)).toMatchObject({ status: 'queued', assigneeId: null, escalationCountry: null });
      expect((await pub('GET', `/v1/approvals/${token}`)).body).toMatchObject({
        status: 'revoked',
        consent: { revokedAt: '2026-11-23T10:01:00.000Z' },
      });
      expect((await pub('POST', `/v1/approvals/${token}/revoke`)).body.revokedAt).toBe('2026-11-23T10:01:00.000Z');
    });

    it("audits both by the link, never the token or the approver's name, and logs no token", async () => {
      const audit = await t.request('GET', '/v1/audit');
      const entries = (audit.body.items as Array<{ action: string; actor: { id: string }; subjectId: string }>).filter(
        (e) => e.subjectId === consentId,
      );
      expect(entries.map((e) => [e.action, e.actor.id.split(':')[0]])).toEqual([
        ['consent.granted', 'approval-link'],
        ['consent.revoked', 'approval-link'],
      ]);
      expect(audit.text).not.toContain(token);
      expect(audit.text).not.toContain('Dana Customer');
      const logs = t.logs.join('\n');
      expect(logs).toContain('/v1/approvals/:token');
      expect(logs).not.toContain(token);
      await waitFor(
        async () =>
          ['consent.granted', 'consent.revoked'].every((type) =>
            sink.received.some((e) => e.type === type && e.data.consentId === consentId),
          ),
        20_000,
        'consent events',
      );
    });
  });

  describe('deny', () => {
    it('closes the request; the escalating agent keeps the ticket and sees that the customer declined', async () => {
      const { ticketId, requestId, de } = await escalated('deny');
      const token = await link(requestId);
      const res = await decide(token, { decision: 'deny', note: 'Not for this ticket, please.' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'denied' });
      expect(await ticket(ticketId)).toMatchObject({ status: 'assigned', assigneeId: 'de-deny', escalationCountry: null });
      const seen = await t.request('GET', `/v1/consent-requests/${requestId}`, { token: de });
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({
        id: requestId,
        status: 'denied',
        consentId: null,
        customerDecision: { decision: 'denied', decidedAt: '2026-11-23T10:01:00.000Z', note: 'Not for this ticket, please.' },
      });
      expect((await t.request('GET', `/v1/consent-requests/${requestId}`, { token: us })).status).toBe(404);
      expect(
        (await t.request('GET', '/v1/consent-requests?status=denied', { token: manager })).body.items.map(
          (r: { id: string }) => r.id,
        ),
      ).toContain(requestId);
      expect((await pub('GET', `/v1/approvals/${token}`)).body.status).toBe('denied');
      expect((await approve(token)).status).toBe(409);
      expect((await pub('POST', `/v1/approvals/${token}/revoke`)).status).toBe(409);
      await waitFor(
        async () => sink.received.some((e) => e.type === 'consent.denied' && e.data.consentRequestId === requestId),
        20_000,
        'denied event',
      );
      const audit = await t.request('GET', '/v1/audit');
      expect(
        audit.body.items.filter(
          (e: { action: string; subjectId: string }) => e.action === 'consent.denied' && e.subjectId === requestId,
        ),
      ).toHaveLength(1);
      expect(audit.text).not.toContain('Not for this ticket');

      // The note is free text about the ticket: erasing its requester blanks it.
      const email = 'requester-deny@example.test';
      await t
        .get(DataSource)
        .query('UPDATE tickets SET requester_email_hash = $1 WHERE id = $2', [
          t.get(PseudonymService).pseudonymise('email', email),
          ticketId,
        ]);
      const erased = await t.request('POST', '/v1/privacy/erase', { body: { email } });
      expect(erased.body.erased).toMatchObject({ tickets: 1, freeTexts: 2 });
      expect((await t.request('GET', `/v1/consent-requests/${requestId}`, { token: de })).body.customerDecision.note).toBe(
        '[erased on a data subject request]',
      );
    });
  });

  describe('concurrent decisions', () => {
    it('lets exactly one of simultaneous decisions through two links of one request win', async () => {
      const { requestId } = await escalated('race');
      const [first, second] = [await link(requestId), await link(requestId)];
      const answers = await Promise.all([approve(first), decide(second, { decision: 'deny' }), approve(second), approve(first)]);
      expect(answers.map((a) => a.status).sort()).toEqual(
        answers.some((a) => a.status === 201) ? [201, 409, 409, 409] : [200, 409, 409, 409],
      );
      const consents = await t.get(DataSource).query('SELECT id FROM consents WHERE consent_request_id = $1', [requestId]);
      expect(consents).toHaveLength(answers.some((a) => a.status === 201) ? 1 : 0);
      const pages = [
        (await pub('GET', `/v1/approvals/${first}`)).body.status,
        (await pub('GET', `/v1/approvals/${second}`)).body.status,
      ];
      expect(pages[0]).toBe(pages[1]);
    });
  });

  describe('links that are unknown, expired or tampered with', () => {
    it('answers 404 alike to a malformed, unknown, tampered or expired token, on every route', async () => {
      const { requestId } = await escalated('expiry');
      // A body-less POST takes the defaults (72 hours).
      const bodyless = await t.request('POST', `/v1/consent-requests/${requestId}/approval-links`, { token: manager });
      expect([bodyless.status, bodyless.body.expiresAt]).toEqual([
        201,
        new Date(clock.now().getTime() + 72 * HOUR).toISOString(),
      ]);
      expect(
        (
          await t.request('POST', `/v1/consent-requests/${requestId}/approval-links`, {
            token: manager,
            body: { expiresInHours: 169 },
          })
        ).body.error.details[0].field,
      ).toBe('expiresInHours');
      expect(
        (
          await t.request('POST', `/v1/consent-requests/00000000-0000-4000-8000-000000000000/approval-links`, {
            token: manager,
            body: {},
          })
        ).status,
      ).toBe(404);
      const token = await link(requestId, { expiresInHours: 1 });
      const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
      const unknown = await pub('GET', `/v1/approvals/${flipped}`);
      expect(unknown.status).toBe(404);
      for (const bad of ['short', `${token}x`, flipped]) {
        for (const [method, path, body] of [
          ['GET', '', undefined],
          ['POST', '', { decision: 'deny' }],
          ['POST', '/revoke', undefined],
        ] as const) {
          const res = await pub(method, `/v1/approvals/${encodeURIComponent(bad)}${path}`, body);
          expect([res.status, res.body]).toEqual([404, unknown.body]);
        }
      }
      expect((await pub('GET', `/v1/approvals/${token}`)).status).toBe(200);
      clock.advance(HOUR);
      for (const res of [
        await pub('GET', `/v1/approvals/${token}`),
        await decide(token, { decision: 'deny' }),
        await pub('POST', `/v1/approvals/${token}/revoke`),
      ]) {
        expect([res.status, res.body]).toEqual([404, unknown.body]);
      }
    });

    it('keeps a link answering for as long as its consent lives, then 404', async () => {
      const { requestId } = await escalated('twice');
      const token = await link(requestId, { expiresInHours: 1 });
      expect((await approve(token, { durationDays: 2 })).status).toBe(201);
      clock.advance(DAY);
      expect((await pub('GET', `/v1/approvals/${token}`)).body.status).toBe('approved');
      clock.advance(DAY);
      expect((await pub('GET', `/v1/approvals/${token}`)).status).toBe(404);
      expect((await pub('POST', `/v1/approvals/${token}/revoke`)).status).toBe(404);
    });
  });

  describe('rate limits', () => {
    it('limits requests per link, whatever they answer, with Retry-After', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 13; i += 1)
        statuses.push((await pub('GET', '/v1/approvals/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).status);
      expect(statuses.slice(0, 12).every((s) => s === 404)).toBe(true);
      const limited = await pub('GET', '/v1/approvals/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('limits one address across links', async () => {
      const limiter = t.get(ApprovalRateLimiter);
      const waits: number[] = [];
      for (let i = 0; i < 1001; i += 1) waits.push(await limiter.check(`token-${i}`, '203.0.113.9'));
      expect(waits.slice(0, 1000).every((w) => w === 0)).toBe(true);
      expect(waits[1000]).toBeGreaterThan(0);
      expect(await limiter.check('token-x', '203.0.113.10')).toBe(0);
    });
  });
});
