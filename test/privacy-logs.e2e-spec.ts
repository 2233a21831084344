import { PseudonymService } from '@eea/privacy';
import { TestApp, WEBHOOK_SECRETS, createTestApp, genericHeaders, seedAgent, seedOrganization, waitFor } from '@eea/testing';

/** Values no log line may ever contain, whatever the flow or error. */
const CANARY = {
  name: 'Canaryname Zqxjvorth',
  email: 'canary.zqxjvorth@logs-example.test',
  phone: '+44 20 7946 0958',
  subject: 'Canary subject zqxjvorth cannot log in',
  approver: 'Approver Zqxjvorth-Approver',
  evidence: 'Call with canary-evidence-zqxjvorth on Monday',
};

describe('privacy: logs carry no personal data through a full run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'trace' } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function webhook(ticket: Record<string, unknown>, deliveryId: string, sign = true) {
    const raw = JSON.stringify({ deliveryId, event: 'ticket.created', ticket });
    const headers = sign
      ? genericHeaders(WEBHOOK_SECRETS.generic, raw)
      : { 'content-type': 'application/json', 'x-signature': `t=1,v1=${CANARY.email}` };
    return t.request('POST', '/v1/webhooks/generic', { token: '', raw, headers });
  }

  it('runs intake, routing, consent and privacy flows, and no log line names the person', async () => {
    await seedOrganization(t, 'canary-org', 'eea_only');
    const agent = await seedAgent(t, { id: 'canary-agent', country: 'DE' });
    const manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'canary manager' } })).body.token;
    const requester = { name: CANARY.name, email: CANARY.email, phone: CANARY.phone };
    const ticket = {
      externalId: 'CANARY-1',
      organizationId: 'canary-org',
      region: 'eu-central-1',
      severity: 1,
      subject: CANARY.subject,
      requester,
      updatedAt: new Date().toISOString(),
    };

    const accepted = await webhook(ticket, 'canary-d1');
    expect(accepted.status).toBe(202);
    const ticketId = accepted.body.ticketId as string;
    expect((await webhook(ticket, 'canary-d1')).body.duplicate).toBe(true);
    // Rejected deliveries carry the canaries into every error path: bad fields, bad signature, unknown fields.
    expect((await webhook({ ...ticket, severity: CANARY.email, region: { name: CANARY.name } }, 'canary-d2')).status).toBe(400);
    expect((await webhook(ticket, 'canary-d3', false)).status).toBe(401);
    expect((await webhook({ ...ticket, [CANARY.email]: CANARY.phone }, 'canary-d4')).status).toBe(400);

    await waitFor(async () => (await t.request('GET', `/v1/tickets/${ticketId}`)).body.status === 'queued');
    expect((await t.request('POST', '/v1/me/claims', { token: agent })).body.id).toBe(ticketId);
    const consent = await t.request('POST', '/v1/consents', {
      token: manager,
      body: { ticketId, countries: ['US'], approvedBy: { name: CANARY.approver, role: 'CISO' }, evidence: CANARY.evidence },
    });
    expect(consent.status).toBe(201);
    const badConsent = await t.request('POST', '/v1/consents', {
      token: manager,
      body: { ticketId, countries: ['XX'], approvedBy: { name: CANARY.approver }, evidence: CANARY.evidence },
    });
    expect(badConsent.status).toBe(400);
    expect((await t.request('DELETE', `/v1/consents/${consent.body.id}`, { token: manager })).status).toBe(200);
    expect((await t.request('POST', `/v1/tickets/${ticketId}/resolve`, { token: agent })).status).toBe(200);

    const exported = await t.request('POST', '/v1/privacy/export', { body: { email: CANARY.email, phone: CANARY.phone } });
    expect(exported.body.tickets).toHaveLength(1);
    const erased = await t.request('POST', '/v1/privacy/erase', { body: { email: CANARY.email, phone: CANARY.phone } });
    expect(erased.body.erased.tickets).toBe(1);
    expect(
      (await t.request('POST', '/v1/privacy/export', { body: { email: `${CANARY.email}"'; DROP TABLE tickets; --` } })).status,
    ).toBe(200);

    // Let the worker finish what the flows queued, so that its log lines are in too.
    await new Promise((r) => setTimeout(r, 300));
    const service = t.get(PseudonymService);
    const pseudonyms = [...service.candidates('email', CANARY.email), ...service.candidates('phone', CANARY.phone)].map(
      (p) => p.split(':')[1],
    );
    const needles = [...Object.values(CANARY), 'zqxjvorth', '79460958', ...pseudonyms].map((n) => n.toLowerCase());
    expect(t.logs.length).toBeGreaterThan(20);
    expect(t.logs.join('\n')).toContain(erased.body.requestId); // the capture does see this run's flows
    const leaks = t.logs.filter((line) => needles.some((n) => line.toLowerCase().includes(n)));
    expect(leaks).toEqual([]);
  });
});
