import { DataSource } from 'typeorm';
import { TestApp, createTestApp, waitFor } from '@eea/testing';
import { fixture, jiraFixture, zendeskFixture } from './fixtures';
import { sendGeneric, genericTicket, sendJira, sendZendesk } from './intake-helpers';

/** SPEC 5.1 with real vendor bodies (test/fixtures): values never refused, vocabularies, skills, organisations, identity, sizes. */
describe('intake of real Zendesk and Jira deliveries', () => {
  let t: TestApp;
  let manager: string;
  const ticket = async (id: string) => (await t.request('GET', `/v1/tickets/${id}`)).body;
  const routed = (id: string) =>
    waitFor(
      async () => {
        const b = await ticket(id);
        return b.status !== 'received' && b;
      },
      15_000,
      'routed',
    );
  const putOrg = (id: string, supportTier: string) =>
    t.request('PUT', `/v1/organizations/${encodeURIComponent(id)}`, { body: { name: `Org ${id}`, supportTier } });

  beforeAll(async () => {
    t = await createTestApp({ env: { TICKET_URL_TEMPLATE: 'https://example-support.atlassian.net/browse/{externalKey}' } });
    manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'vendor manager' } })).body.token;
    expect((await putOrg('müller-gmbh', 'standard')).status).toBe(200);
    expect((await putOrg('ACME Corp', 'eea_only')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('configures organisation ids as the vendors have them, and refuses only unprintable or overlong ones', async () => {
    expect((await putOrg('ACME Corp', 'eea_only')).body).toMatchObject({ id: 'ACME Corp', supportTier: 'eea_only' });
    for (const bad of ['x'.repeat(201), 'line\u0001break', '   ']) {
      const res = await putOrg(bad, 'standard');
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ field: 'id', message: expect.stringContaining('printable') }]);
    }
  });

  it('routes a real Jira issue: classic priority, labels, issue id as identity, key in the link', async () => {
    const res = await sendJira(t, fixture('jira/issue-created'));
    expect(res.status).toBe(202);
    const b = await routed(res.body.ticketId);
    expect(b).toMatchObject({
      externalId: '10666',
      externalKey: 'TCP-2',
      organizationId: 'müller-gmbh',
      tier: 'standard',
      severity: 3,
      skills: ['voice'],
      category: 'professional_services',
      region: 'eu-central-1',
      status: 'queued',
      flags: ['excluded_category'],
      url: 'https://example-support.atlassian.net/browse/TCP-2',
    });
  });

  it('follows a Jira issue moved to another project: one ticket, its key and link follow', async () => {
    const first = await sendJira(t, jiraFixture('20001'));
    const moved = fixture('jira/issue-moved');
    moved.issue.id = '20001';
    const res = await sendJira(t, moved);
    expect(res.body).toMatchObject({ ticketId: first.body.ticketId, duplicate: false });
    expect(await ticket(first.body.ticketId)).toMatchObject({
      externalKey: 'INDEV-130',
      severity: 2,
      url: expect.stringContaining('/browse/INDEV-130'),
    });
    const [{ n }] = await t
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM tickets WHERE source = 'jira' AND external_id = '20001'`);
    expect(n).toBe(1);
  });

  it('keeps a Jira ticket stored under its key before issue ids were the identity (the migration keeps it)', async () => {
    const legacy = jiraFixture('0');
    delete legacy.issue.id;
    legacy.issue.key = 'LEG-7';
    const stored = await sendJira(t, legacy);
    // As the migration leaves a ticket of before: its key as id and as external_key.
    await t.get(DataSource).query(`UPDATE tickets SET external_key = external_id WHERE id = $1`, [stored.body.ticketId]);
    const update = jiraFixture('30007', { updated: '2026-03-02T13:00:00.000+0100', priority: { name: 'Blocker' } });
    update.issue.key = 'LEG-7';
    update.webhookEvent = 'jira:issue_updated';
    expect((await sendJira(t, update)).body.ticketId).toBe(stored.body.ticketId);
    expect(await ticket(stored.body.ticketId)).toMatchObject({ externalId: '30007', externalKey: 'LEG-7', severity: 1 });
  });

  it('reads a Zendesk body rendered in German: priority, skills from prefixed tags only, category, organisation', async () => {
    const res = await sendZendesk(t, fixture('zendesk/ticket-rendered-de'));
    expect(res.status).toBe(202);
    // The mapped category is one the policy excludes from EEA-only support: the exclusion fires.
    expect(await routed(res.body.ticketId)).toMatchObject({
      organizationId: 'ACME Corp',
      tier: 'standard',
      severity: 1,
      skills: ['voice', 'german'],
      category: 'professional_services',
      flags: ['excluded_category'],
    });
    const plain = await sendZendesk(t, zendeskFixture(35437, { category: 'Incident' }));
    expect(await routed(plain.body.ticketId)).toMatchObject({
      organizationId: 'ACME Corp',
      tier: 'eea_only',
      category: null,
      flags: [],
    });
    const solved = zendeskFixture(35436, { status: 'Gelöst', updated_at: '2026-03-02T10:20:00Z' });
    expect((await sendZendesk(t, solved)).body).toMatchObject({ ticketId: res.body.ticketId, status: 'resolved' });
  });

  it('never refuses values: stores fail closed, flags, and lets managers filter by flag', async () => {
    const cases: Array<[string, () => Promise<{ status: number; body: any }>, Record<string, unknown>]> = [
      ['unmapped_priority', () => sendJira(t, jiraFixture('40001', { priority: { name: 'P1' } })), { severity: 3 }],
      ['unmapped_status', () => sendZendesk(t, zendeskFixture(40002, { status: 'Warten auf Lieferant' })), { status: 'queued' }],
      ['invalid_timestamp', () => sendZendesk(t, zendeskFixture(40003, { updated_at: '2. März 2026 10:15' })), {}],
      [
        'truncated',
        () =>
          sendZendesk(
            t,
            zendeskFixture(40004, {
              tags: Array.from({ length: 70 }, (_, i) => `skill_s${i}`).join(' '),
              organization: 'o'.repeat(300),
            }),
          ),
        { organizationId: 'o'.repeat(200) },
      ],
      [
        'multiple_organizations',
        () => sendJira(t, jiraFixture('40005', { labels: ['region:eu-west-1', 'org:müller-gmbh', 'org:ACME Corp'] })),
        { tier: 'eea_only' },
      ],
    ];
    for (const [flag, send, expected] of cases) {
      const res = await send();
      expect(res.status).toBe(202);
      const b = await routed(res.body.ticketId);
      expect(b.flags).toContain(flag);
      expect(b).toMatchObject(expected);
      const list = await t.request('GET', `/v1/tickets?flag=${flag}`, { token: manager });
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.ticketId]);
    }
    expect((await t.request('GET', '/v1/tickets?flag=Not-A-Flag', { token: manager })).status).toBe(400);
    // generic stays strict: its sender reads the 400.
    expect((await sendGeneric(t, genericTicket({ severity: 5 }))).status).toBe(400);
  });

  it('an unmapped status neither closes nor reopens', async () => {
    const open = await sendZendesk(t, zendeskFixture(50001, { updated_at: '2026-03-02T10:00:00Z' }));
    await sendZendesk(t, zendeskFixture(50001, { status: 'Quarantaine', updated_at: '2026-03-02T10:05:00Z' }));
    expect((await ticket(open.body.ticketId)).status).not.toBe('resolved');
    await sendZendesk(t, zendeskFixture(50001, { status: 'closed', updated_at: '2026-03-02T10:10:00Z' }));
    const again = await sendZendesk(t, zendeskFixture(50001, { status: 'Quarantaine', updated_at: '2026-03-02T10:15:00Z' }));
    expect(again.body.status).toBe('resolved');
  });

  it('applies the most restrictive tier of several organisations, and follows a tier change of any of them', async () => {
    await putOrg('strict-b', 'eea_only');
    await putOrg('plain-a', 'standard');
    const res = await sendJira(t, jiraFixture('60001', { labels: ['region:eu-west-1', 'org:plain-a', 'org:strict-b'] }));
    expect(await routed(res.body.ticketId)).toMatchObject({
      organizationId: 'plain-a',
      tier: 'eea_only',
      flags: expect.arrayContaining(['multiple_organizations']),
    });
    await putOrg('strict-b', 'standard');
    await waitFor(
      async () => (await ticket(res.body.ticketId)).tier === 'standard',
      15_000,
      'tier follows the second organisation',
    );
  });

  it('reads Zendesk and Jira bodies up to 5 MiB; generic keeps 256 KiB', async () => {
    const long = jiraFixture('70001', { description: 'd'.repeat(260 * 1024) });
    expect((await sendJira(t, long)).status).toBe(202);
    const large = jiraFixture('70002', { description: 'd'.repeat(5 * 1024 * 1024 - 8 * 1024) });
    expect((await sendJira(t, large)).status).toBe(202);
    expect((await sendZendesk(t, zendeskFixture(70003, { comment: 'c'.repeat(1024 * 1024) }))).status).toBe(202);
    const over = await sendJira(t, jiraFixture('70004', { description: 'd'.repeat(5 * 1024 * 1024) }));
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('5 MiB') });
    const generic = await sendGeneric(t, genericTicket({ subject: 's'.repeat(300 * 1024) }));
    expect(generic.status).toBe(413);
    expect(generic.body.error.code).toBe('payload_too_large');
  });
});
