import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { AgentEntity } from '@eea/agents';
import { ManualClock, PolicyStore } from '@eea/config';
import { Tier, checkAgent, evaluateTicket, isCountryPermitted } from '@eea/policy';
import { ticketFacts } from '@eea/routing';
import { TicketEntity } from '@eea/tickets';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket } from '@eea/testing';

const WEDNESDAY_MORNING = '2026-11-25T09:00:00Z';
const EEA_COUNTRIES = ['DE', 'IE', 'FR', 'NL', 'AT', 'PL', 'SE'];

interface ClaimResult {
  agentId: string;
  status: number;
  ticketId?: string;
}

describe('claims under concurrency', () => {
  const clock = new ManualClock(new Date(WEDNESDAY_MORNING));
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ds = t.get(DataSource);
    await seedOrganization(t, 'org-eea', 'eea_only');
    await seedOrganization(t, 'p-std', 'standard');
    await seedOrganization(t, 'p-eea', 'eea_only');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every agent fires `perAgent` claims at once; returns every answer. */
  async function raceRound(tokens: Map<string, string>, perAgent: number): Promise<ClaimResult[]> {
    const calls = [...tokens].flatMap(([agentId, token]) =>
      Array.from({ length: perAgent }, async () => {
        const res = await t.request('POST', '/v1/me/claims', { token });
        if (res.status !== 200 && res.status !== 204) throw new Error(`claim answered ${res.status}: ${res.text}`);
        return { agentId, status: res.status, ticketId: res.body?.id as string | undefined };
      }),
    );
    return Promise.all(calls);
  }

  async function raceUntilDry(tokens: Map<string, string>, maxRounds: number): Promise<ClaimResult[]> {
    const all: ClaimResult[] = [];
    for (let round = 0; round < maxRounds; round++) {
      const results = await raceRound(tokens, 2);
      all.push(...results);
      if (results.every((r) => r.status === 204)) break;
    }
    return all;
  }

  async function resetFloor(): Promise<void> {
    await ds.query(`UPDATE tickets SET status = 'resolved', assignee_id = NULL, assigned_at = NULL WHERE status <> 'resolved'`);
    await ds.query(`UPDATE agents SET status = 'offline'`);
  }

  it('hands 30 tickets to 50 racing agents exactly once each, within capacity, never to an ineligible country', async () => {
    const tickets = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        seedTicket(t, { organizationId: 'org-eea', region: 'eu-west-1', severity: ((i % 4) + 1) as 1 | 2 | 3 | 4 }),
      ),
    );
    const capacity = new Map<string, number>();
    const tokens = new Map<string, string>();
    // Seeded ten at a time: the race under test is the claims, and 50 concurrent set-ups on a loaded
    // machine only queue for pool connections until they time out (503).
    for (let batch = 0; batch < 50; batch += 10) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, k) => {
          const i = batch + k;
          const id = `racer-${i}`;
          const country = i === 7 ? 'US' : EEA_COUNTRIES[i % EEA_COUNTRIES.length];
          capacity.set(id, i % 3 === 0 ? 2 : 1);
          tokens.set(id, await seedAgent(t, { id, country, capacity: capacity.get(id) }));
        }),
      );
    }

    const results = await raceUntilDry(tokens, 6);
    const wins = results.filter((r) => r.status === 200);
    expect(wins).toHaveLength(30);
    expect(new Set(wins.map((w) => w.ticketId)).size).toBe(30);
    expect(results.filter((r) => r.agentId === 'racer-7').every((r) => r.status === 204)).toBe(true);

    const rows: Array<{ id: string; status: string; assignee_id: string | null }> = await ds.query(
      `SELECT id, status, assignee_id FROM tickets WHERE id = ANY($1::uuid[])`,
      [tickets],
    );
    expect(rows.every((r) => r.status === 'assigned')).toBe(true);
    const held = new Map<string, number>();
    for (const r of rows) held.set(r.assignee_id!, (held.get(r.assignee_id!) ?? 0) + 1);
    for (const [agentId, n] of held) expect({ agentId, n, ok: n <= capacity.get(agentId)! }).toEqual({ agentId, n, ok: true });
    expect(held.has('racer-7')).toBe(false);
    // What each agent was told it got is what the database says it holds.
    for (const w of wins) expect(rows.find((r) => r.id === w.ticketId)?.assignee_id).toBe(w.agentId);
  });

  it('only ever assigns a ticket to an agent the policy permits (property)', async () => {
    const country = fc.constantFrom<string | null>('DE', 'IE', 'FR', 'CH', 'JP', 'GB', 'IN', 'PH', 'US', 'BR', 'CN', null);
    const agentArb = fc.record({ country, skills: fc.subarray(['a', 'b']), capacity: fc.integer({ min: 1, max: 3 }) });
    const ticketArb = fc.record({
      org: fc.constantFrom('p-std', 'p-eea', 'p-ghost'),
      region: fc.constantFrom<string | null>(
        'eu-west-1',
        'eu-central-1',
        'eu-central-2',
        'us-east-1',
        'ap-south-1',
        'mars-north-1',
        null,
      ),
      severity: fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4),
      category: fc.constantFrom<string | null>(null, 'professional_services', 'billing'),
      skills: fc.subarray(['a', 'b'], { maxLength: 1 }),
    });
    const at = fc.constantFrom(WEDNESDAY_MORNING, '2026-11-27T18:00:00Z', '2026-11-28T01:00:00Z', '2026-11-24T07:59:59Z');
    let run = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.array(agentArb, { minLength: 2, maxLength: 7 }),
        fc.array(ticketArb, { minLength: 1, maxLength: 8 }),
        at,
        async (agents, specs, instant) => {
          run++;
          await resetFloor();
          clock.set(instant);
          const tokens = new Map<string, string>();
          await Promise.all(
            agents.map(async (a, i) => {
              tokens.set(`p${run}-${i}`, await seedAgent(t, { id: `p${run}-${i}`, ...a }));
            }),
          );
          await Promise.all(
            specs.map((s) =>
              seedTicket(t, {
                organizationId: s.org,
                region: s.region,
                severity: s.severity,
                category: s.category,
                skills: s.skills,
              }),
            ),
          );
          await raceUntilDry(tokens, 5);
          await assertOnlyPermittedAssignments([...tokens.keys()]);
        },
      ),
      { numRuns: 15 },
    );
  });

  /**
   * Re-derives, from the stored facts and the pure policy engine alone, that each assignment was
   * allowed, and that no ticket was left waiting while an idle agent of this run could have taken it.
   */
  async function assertOnlyPermittedAssignments(agentIds: string[]): Promise<void> {
    const policy = t.get(PolicyStore).current();
    const agents = await ds.getRepository(AgentEntity).find();
    const byId = new Map(agents.map((a) => [a.id, a]));
    const tiers = new Map<string, Tier>(
      (await ds.query('SELECT id, support_tier FROM organizations')).map((o: { id: string; support_tier: Tier }) => [
        o.id,
        o.support_tier,
      ]),
    );
    const open = await ds.getRepository(TicketEntity).find({ where: [{ status: 'assigned' }, { status: 'queued' }] });
    const held = new Map<string, number>();
    for (const ticket of open) {
      const ev = evaluateTicket(policy, ticketFacts(ticket, tiers.get(ticket.organizationId) ?? null), [], clock.now());
      if (ticket.status === 'assigned') {
        const agent = byId.get(ticket.assigneeId!)!;
        held.set(agent.id, (held.get(agent.id) ?? 0) + 1);
        expect({ ticket: ticket.id, country: agent.country, permitted: isCountryPermitted(ev, agent.country) }).toEqual({
          ticket: ticket.id,
          country: agent.country,
          permitted: true,
        });
        expect(checkAgent(ev, agent).eligible).toBe(true);
        expect(ev.routable).toBe(true);
      }
    }
    for (const [id, n] of held) expect(n).toBeLessThanOrEqual(byId.get(id)!.capacity);
    for (const ticket of open.filter((x) => x.status === 'queued')) {
      const ev = evaluateTicket(policy, ticketFacts(ticket, tiers.get(ticket.organizationId) ?? null), [], clock.now());
      const idle = agentIds
        .map((id) => byId.get(id)!)
        .filter((a) => (held.get(a.id) ?? 0) < a.capacity && checkAgent(ev, a).eligible);
      expect({ ticket: ticket.id, routable: ev.routable, idle: idle.map((a) => a.id) }).toEqual({
        ticket: ticket.id,
        routable: ev.routable,
        idle: ev.routable ? [] : idle.map((a) => a.id),
      });
    }
  }
});
