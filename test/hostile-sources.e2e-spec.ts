import { randomUUID } from 'node:crypto';
import { TestApp, createTestApp, seedAgent, seedOrganization, waitFor } from '@eea/testing';
import { genericTicket, sendGeneric, sendZendesk, zendeskTicket } from './intake-helpers';

/** Finding 6: a signed sender must not widen who may see a ticket by naming another organisation or problem. */
describe('hostile input: (6) organisations name the sources that speak for them', () => {
  let t: TestApp;
  let manager: string;
  const agents: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'lead' } })).body.token;
    for (const [id, country] of [
      ['src-de', 'DE'],
      ['src-in', 'IN'],
      ['src-us', 'US'],
    ])
      agents[id] = await seedAgent(t, { id, country });
    await seedOrganization(t, 'strict-eu', 'eea_only');
    await seedOrganization(t, 'open-std', 'standard');
    const put = await t.request('PUT', '/v1/organizations/zd-std', {
      body: { name: 'Zendesk customer', supportTier: 'standard', sources: ['zendesk'] },
    });
    expect(put.body).toMatchObject({ id: 'zd-std', sources: ['zendesk'] });
    const consent = await t.request('POST', '/v1/consents', {
      token: manager,
      body: {
        organizationId: 'zd-std',
        problemRef: 'PRB-US',
        countries: ['US'],
        approvedBy: { name: 'Dana Customer' },
        evidence: 'call 7',
      },
    });
    expect(consent.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const ticket = (id: string) => t.request('GET', `/v1/tickets/${id}`).then((r) => r.body);
  const routed = (id: string, what = 'routed') =>
    waitFor(
      async () => {
        const body = await ticket(id);
        return body.status !== 'received' ? body : undefined;
      },
      15_000,
      what,
    );

  it('keeps sources on a PUT that leaves them out, and rejects unknown source names', async () => {
    const renamed = await t.request('PUT', '/v1/organizations/zd-std', { body: { name: 'Renamed', supportTier: 'standard' } });
    expect(renamed.body.sources).toEqual(['zendesk']);
    const bad = await t.request('PUT', '/v1/organizations/zd-std', {
      body: { name: 'x', supportTier: 'standard', sources: ['email'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['sources']);
  });

  it('routes a delivery from another source naming the organisation fail closed: EEA-only, flagged, no problem-wide consent', async () => {
    const res = await sendGeneric(t, genericTicket({ organizationId: 'zd-std', problemRef: 'PRB-US', severity: 1 }));
    expect(res.status).toBe(202);
    const stored = await routed(res.body.ticketId);
    expect(stored.flags).toEqual(expect.arrayContaining(['unverified_source', 'unknown_organization']));
    expect(stored.allowedCountries).not.toContain('IN');
    expect(stored.allowedCountries).not.toContain('US');
    expect((await t.request('GET', `/v1/tickets/${res.body.ticketId}`, { token: agents['src-in'] })).status).toBe(404);
    const [decision] = (await t.request('GET', `/v1/tickets/${res.body.ticketId}/decisions`)).body.items;
    expect(decision.trace[0]).toMatchObject({ rule: 'source', outcome: 'unverified' });

    // The source it names is believed: standard countries and the problem's consent apply.
    const own = await sendZendesk(t, zendeskTicket({ organization: 'zd-std', problem_ref: 'PRB-US', priority: 'urgent' }));
    expect(own.status).toBe(202);
    const trusted = await routed(own.body.ticketId);
    expect(trusted.flags).not.toContain('unverified_source');
    expect(trusted.allowedCountries).toEqual(expect.arrayContaining(['IN', 'US']));
  });

  it('records a webhook update that moves a ticket to a less restrictive organisation in the trace and the audit log', async () => {
    const externalId = `W-${randomUUID()}`;
    const first = await sendGeneric(t, genericTicket({ externalId, organizationId: 'strict-eu', severity: 1 }));
    const before = await routed(first.body.ticketId);
    expect(before.allowedCountries).not.toContain('IN');
    const moved = await sendGeneric(
      t,
      genericTicket(
        { externalId, organizationId: 'open-std', severity: 1, updatedAt: new Date(Date.now() + 1_000).toISOString() },
        'ticket.updated',
      ),
    );
    expect(moved.status).toBe(202);
    const after = await waitFor(
      async () => {
        const body = await ticket(first.body.ticketId);
        return body.allowedCountries?.includes('IN') ? body : undefined;
      },
      15_000,
      'update routed',
    );
    expect(after.organizationId).toBe('open-std');
    const [latest] = (await t.request('GET', `/v1/tickets/${first.body.ticketId}/decisions`)).body.items;
    expect(latest.trace).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'widening',
          outcome: 'widened',
          detail: expect.stringContaining('organisation open-std'),
        }),
      ]),
    );
    const audit = (await t.request('GET', '/v1/audit')).body.items as Array<{
      action: string;
      subjectId: string;
      details: Record<string, unknown>;
    }>;
    expect(audit.filter((e) => e.action === 'ticket.widened' && e.subjectId === first.body.ticketId)).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({
          organizationId: 'open-std',
          tier: 'standard',
          addedCountries: expect.arrayContaining(['IN']),
        }),
      }),
    ]);
  });
});
