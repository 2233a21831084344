import { DataSource } from 'typeorm';
import { ManualClock } from '@eea/config';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket } from '@eea/testing';

// Wednesday 25 November 2026, 10:00 in Brussels: inside EEA-only hours, so only location decides.
const WEDNESDAY_MORNING = '2026-11-25T09:00:00Z';
const AGENTS = ['de', 'ie', 'ch', 'jp', 'in', 'ph', 'us', 'br', 'none'] as const;
type AgentKey = (typeof AGENTS)[number];
const COUNTRY: Record<AgentKey, string | null> = {
  de: 'DE',
  ie: 'IE',
  ch: 'CH',
  jp: 'JP',
  in: 'IN',
  ph: 'PH',
  us: 'US',
  br: 'BR',
  none: null,
};

const EEA: AgentKey[] = ['de', 'ie'];
const STANDARD: AgentKey[] = ['de', 'ie', 'ch', 'jp', 'in', 'ph'];
const EVERYONE: AgentKey[] = [...AGENTS];

/** Each case: the facts of one ticket and, written out by hand from SPEC 3, who may work it. */
const CASES: Array<{
  name: string;
  org: string;
  region: string | null;
  category?: string;
  allowed: AgentKey[];
  flags?: string[];
}> = [
  { name: 'standard EEA ticket', org: 'org-std', region: 'eu-west-1', allowed: STANDARD },
  { name: 'eea_only EEA ticket', org: 'org-eea', region: 'eu-west-1', allowed: EEA },
  { name: 'standard non-EEA ticket', org: 'org-std', region: 'us-east-1', allowed: EVERYONE },
  { name: 'eea_only non-EEA ticket', org: 'org-eea', region: 'us-east-1', allowed: EVERYONE },
  { name: 'eea_only in Zurich (eu-central-2 is CH, not EEA)', org: 'org-eea', region: 'eu-central-2', allowed: EVERYONE },
  { name: 'standard with an unknown region', org: 'org-std', region: 'mars-north-1', allowed: EEA, flags: ['unknown_region'] },
  { name: 'standard without a region', org: 'org-std', region: null, allowed: EEA, flags: ['unknown_region'] },
  { name: 'unknown organisation', org: 'org-ghost', region: 'eu-west-1', allowed: EEA, flags: ['unknown_organization'] },
  {
    name: 'eea_only excluded category',
    org: 'org-eea',
    region: 'eu-west-1',
    category: 'professional_services',
    allowed: STANDARD,
    flags: ['excluded_category'],
  },
];

describe('routing: who sees, claims and reads which ticket', () => {
  const clock = new ManualClock(new Date(WEDNESDAY_MORNING));
  let t: TestApp;
  const tokens = {} as Record<AgentKey, string>;
  const ticketIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedOrganization(t, 'org-std', 'standard');
    await seedOrganization(t, 'org-eea', 'eea_only');
    await Promise.all(
      AGENTS.map(async (a) => {
        tokens[a] = await seedAgent(t, { id: `agent-${a}`, country: COUNTRY[a], capacity: 50 });
      }),
    );
    for (const c of CASES) {
      ticketIds.push(await seedTicket(t, { organizationId: c.org, region: c.region, severity: 3, category: c.category ?? null }));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectedFor = (a: AgentKey) =>
    CASES.map((c, i) => (c.allowed.includes(a) ? ticketIds[i] : null))
      .filter(Boolean)
      .sort();

  it('stores jurisdiction, tier and flags from the policy, failing closed', async () => {
    for (const [i, c] of CASES.entries()) {
      const { body } = await t.request('GET', `/v1/tickets/${ticketIds[i]}`);
      expect({ name: c.name, status: body.status }).toEqual({ name: c.name, status: 'queued' });
      if (c.allowed === EVERYONE) expect(body.allowedCountries).toBe('*');
      else expect(body.allowedCountries).not.toEqual(expect.arrayContaining(['US']));
      expect(body.flags).toEqual(expect.arrayContaining(c.flags ?? []));
    }
    const zurich = await t.request('GET', `/v1/tickets/${ticketIds[4]}`);
    expect(zurich.body).toMatchObject({ regionCountry: 'CH', jurisdiction: 'NON_EEA' });
    const unknown = await t.request('GET', `/v1/tickets/${ticketIds[5]}`);
    expect(unknown.body).toMatchObject({ jurisdiction: 'UNKNOWN', tier: 'eea_only' });
  });

  it('shows each agent exactly the tickets the policy allows', async () => {
    for (const a of AGENTS) {
      const res = await t.request('GET', '/v1/me/queue', { token: tokens[a] });
      expect(res.status).toBe(200);
      const seen = res.body.available.map((x: { id: string }) => x.id).sort();
      expect({ agent: a, seen }).toEqual({ agent: a, seen: expectedFor(a) });
      expect(res.body.assigned).toEqual([]);
    }
  });

  it('lets each agent claim exactly the tickets the policy allows (and release them again)', async () => {
    for (const a of AGENTS) {
      const claimed: string[] = [];
      for (;;) {
        const res = await t.request('POST', '/v1/me/claims', { token: tokens[a] });
        if (res.status === 204) break;
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'assigned', assigneeId: `agent-${a}` });
        claimed.push(res.body.id);
        if (claimed.length > CASES.length) throw new Error('claimed more tickets than exist');
      }
      expect({ agent: a, claimed: [...claimed].sort() }).toEqual({ agent: a, claimed: expectedFor(a) });
      const queue = await t.request('GET', '/v1/me/queue', { token: tokens[a] });
      expect(queue.body.assigned.map((x: { id: string }) => x.id).sort()).toEqual(expectedFor(a));
      for (const id of claimed) {
        const released = await t.request('POST', `/v1/tickets/${id}/release`, { token: tokens[a] });
        expect(released.status).toBe(200);
        expect(released.body).toMatchObject({ status: 'queued', assigneeId: null });
      }
    }
  });

  it('lets an agent read a ticket only while it may work it, and logs reads of restricted tickets', async () => {
    const ds = t.get(DataSource);
    await ds.query('DELETE FROM ticket_accesses');
    for (const a of AGENTS) {
      for (const [i, c] of CASES.entries()) {
        const res = await t.request('GET', `/v1/tickets/${ticketIds[i]}`, { token: tokens[a] });
        expect({ agent: a, ticket: c.name, status: res.status }).toEqual({
          agent: a,
          ticket: c.name,
          status: c.allowed.includes(a) ? 200 : 404,
        });
        if (res.status === 404) expect(res.body.error.code).toBe('not_found');
      }
    }
    const rows: Array<{ ticket_id: string; agent_id: string; action: string; transfer: boolean }> = await ds.query(
      'SELECT ticket_id, agent_id, action, transfer FROM ticket_accesses',
    );
    const restricted = CASES.flatMap((c, i) =>
      c.allowed === EVERYONE ? [] : c.allowed.map((a) => `${ticketIds[i]}|agent-${a}`),
    );
    expect(rows.map((r) => `${r.ticket_id}|${r.agent_id}`).sort()).toEqual(restricted.sort());
    expect(rows.every((r) => r.action === 'read' && r.transfer === false)).toBe(true);
  });

  it('hides a ticket from an agent once someone else holds it', async () => {
    const claimed = await t.request('POST', '/v1/me/claims', { token: tokens.de });
    expect(claimed.status).toBe(200);
    expect((await t.request('GET', `/v1/tickets/${claimed.body.id}`, { token: tokens.ie })).status).toBe(404);
    expect((await t.request('GET', `/v1/tickets/${claimed.body.id}`, { token: tokens.de })).status).toBe(200);
    const ieQueue = await t.request('GET', '/v1/me/queue', { token: tokens.ie });
    expect(ieQueue.body.available.map((x: { id: string }) => x.id)).not.toContain(claimed.body.id);
    // Release and resolve belong to the assignee alone; to anyone else the ticket does not exist.
    expect((await t.request('POST', `/v1/tickets/${claimed.body.id}/release`, { token: tokens.ie })).status).toBe(404);
    expect((await t.request('POST', `/v1/tickets/${claimed.body.id}/resolve`, { token: tokens.ie })).status).toBe(404);
    const resolved = await t.request('POST', `/v1/tickets/${claimed.body.id}/resolve`, { token: tokens.de });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', assigneeId: null });
    expect((await t.request('POST', `/v1/tickets/${claimed.body.id}/release`, { token: tokens.de })).status).toBe(404);
    expect((await t.request('GET', `/v1/tickets/${claimed.body.id}`, { token: tokens.de })).status).toBe(404);
  });

  it('returns the decision trace newest first with the policy version', async () => {
    const id = ticketIds[2];
    clock.advance(60_000);
    const claimed = await t.request('POST', '/v1/me/claims', { token: tokens.us });
    expect(claimed.body.id).toBe(id);
    expect((await t.request('POST', `/v1/tickets/${id}/release`, { token: tokens.us })).status).toBe(200);
    const { body, status } = await t.request('GET', `/v1/tickets/${id}/decisions`);
    expect(status).toBe(200);
    const policyVersion = (await t.request('GET', '/v1/policy')).body.policyVersion;
    expect(body.items.length).toBeGreaterThanOrEqual(2);
    expect(body.items[0]).toMatchObject({
      ticketId: id,
      at: clock.now().toISOString(),
      policyVersion,
      outcome: 'queued',
      allowedCountries: '*',
    });
    const times = body.items.map((d: { at: string }) => Date.parse(d.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(body.items[0].trace.map((s: { rule: string }) => s.rule)).toEqual(
      expect.arrayContaining(['region', 'organization', 'location', 'support_hours']),
    );
    // Decisions are for managers, admins and auditors; an agent is refused.
    expect((await t.request('GET', `/v1/tickets/${id}/decisions`, { token: tokens.us })).status).toBe(403);
  });

  it('lists tickets by status and organisation for managers, page by page without duplicates or gaps', async () => {
    const manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor' } })).body.token as string;
    const seeded = await Promise.all(
      Array.from({ length: 7 }, () => seedTicket(t, { organizationId: 'org-page', region: 'us-east-1', severity: 2 })),
    );
    await seedTicket(t, { organizationId: 'org-other', region: 'us-east-1', severity: 2 });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `status=queued&organizationId=org-page&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.request('GET', `/v1/tickets?${query}`, { token: manager });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      for (const item of res.body.items) expect(item).toMatchObject({ organizationId: 'org-page', status: 'queued' });
      seen.push(...res.body.items.map((x: { id: string }) => x.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...seeded].sort());
    const bad = await t.request('GET', '/v1/tickets?cursor=not-a-cursor', { token: manager });
    expect(bad.status).toBe(400);
    expect((await t.request('GET', '/v1/tickets', { token: tokens.de })).status).toBe(403);
  });
});
