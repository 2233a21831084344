import { DataSource } from 'typeorm';
import { ManualClock } from '@eea/config';
import { OutboxService } from '@eea/queue';
import { OfflineTakeBack, Sev1Alarms } from '@eea/agent-work';
import { AgentsService } from '@eea/agents';
import { RouterService, RoutingRequestsDue } from '@eea/routing';
import { TicketEntity, requestRouting } from '@eea/tickets';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket, waitFor } from '@eea/testing';

const FRIDAY_EVENING = '2026-11-27T18:00:00Z'; // 19:00 in Brussels
const MONDAY_OPENING = '2026-11-30T08:00:00.000Z'; // 09:00 in Brussels
const SATURDAY_NIGHT = '2026-11-28T01:00:00Z';
const WEDNESDAY_MORNING = '2026-11-25T09:00:00Z';
const GRACE_SECONDS = 300;
const ALARM_SECONDS = 900;

/**
 * Time-driven routing: deferral, severity changes, agent moves, going offline, the severity 1 alarm.
 * Each scenario uses its own skill so that its agent can only ever claim its own tickets.
 */
describe('routing over time and change', () => {
  const clock = new ManualClock(new Date(WEDNESDAY_MORNING));
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { OFFLINE_GRACE_SECONDS: String(GRACE_SECONDS), SEV1_ALARM_SECONDS: String(ALARM_SECONDS) },
    });
    ds = t.get(DataSource);
    await seedOrganization(t, 'org-eea', 'eea_only');
  });
  afterAll(async () => {
    await t?.close();
  });

  const ticket = (id: string) => ds.getRepository(TicketEntity).findOneByOrFail({ id });
  const decisionCount = async (id: string) =>
    Number((await ds.query('SELECT count(*) AS n FROM decisions WHERE ticket_id = $1', [id]))[0].n);
  const eeaTicket = (skill: string, severity: 1 | 2 | 3 | 4) =>
    seedTicket(t, { organizationId: 'org-eea', region: 'eu-west-1', severity, skills: [skill] });

  /** What the webhook does on a severity update: store the fact, ask for routing in the same transaction. */
  async function changeSeverity(id: string, severity: number): Promise<void> {
    const outbox = t.get(OutboxService);
    await outbox.inTransaction(async (tx) => {
      await tx.db.query('UPDATE tickets SET severity = $2 WHERE id = $1', [id, severity]);
      await requestRouting(tx, 'ticket_updated', { kind: 'tickets', ids: [id] });
    });
  }

  it('defers an eea_only severity 3 ticket arriving on Friday evening to Monday 09:00 Brussels, then releases it', async () => {
    clock.set(FRIDAY_EVENING);
    const token = await seedAgent(t, { id: 'weekend-de', country: 'DE', skills: ['deferral'] });
    const id = await eeaTicket('deferral', 3);
    const stored = await t.request('GET', `/v1/tickets/${id}`);
    expect(stored.body).toMatchObject({
      status: 'deferred',
      deferredUntil: MONDAY_OPENING,
      jurisdiction: 'EEA',
      tier: 'eea_only',
    });
    expect((await t.request('GET', '/v1/me/queue', { token })).body.available).toEqual([]);
    expect((await t.request('POST', '/v1/me/claims', { token })).status).toBe(204);
    expect((await t.request('GET', `/v1/tickets/${id}`, { token })).status).toBe(404);

    clock.set(new Date(Date.parse(MONDAY_OPENING) - 1));
    await t.get(RoutingRequestsDue).requestDue(clock.now());
    expect((await ticket(id)).status).toBe('deferred');

    clock.set(MONDAY_OPENING);
    const swept = await t.get(RoutingRequestsDue).requestDue(clock.now());
    expect(swept.deferralsDue).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await ticket(id)).status === 'queued', 10_000, 'deferred ticket queued');
    expect((await ticket(id)).deferredUntil).toBeNull();
    const claimed = await t.request('POST', '/v1/me/claims', { token });
    expect(claimed.body).toMatchObject({ id, status: 'assigned', assigneeId: 'weekend-de' });
  });

  it('releases a deferred ticket at once when its severity becomes 1', async () => {
    clock.set(FRIDAY_EVENING);
    const token = await seedAgent(t, { id: 'urgent-de', country: 'DE', skills: ['upgrade'] });
    const id = await eeaTicket('upgrade', 3);
    expect((await ticket(id)).status).toBe('deferred');
    await changeSeverity(id, 1);
    await waitFor(async () => (await ticket(id)).status === 'queued', 10_000, 'sev1 ticket queued');
    expect((await ticket(id)).deferredUntil).toBeNull();
    expect((await t.request('POST', '/v1/me/claims', { token })).body).toMatchObject({ id, status: 'assigned' });
  });

  it('never takes a ticket from its holder when its severity drops from 1 outside hours', async () => {
    clock.set(SATURDAY_NIGHT);
    const token = await seedAgent(t, { id: 'night-de', country: 'DE', skills: ['night'] });
    const id = await eeaTicket('night', 1);
    expect((await t.request('POST', '/v1/me/claims', { token })).body).toMatchObject({ id, status: 'assigned' });
    const before = await decisionCount(id);
    await changeSeverity(id, 3);
    await waitFor(async () => (await decisionCount(id)) > before, 10_000, 're-routing after the severity change');
    expect(await ticket(id)).toMatchObject({ status: 'assigned', assigneeId: 'night-de', severity: 3, deferredUntil: null });
    expect((await t.request('GET', `/v1/tickets/${id}`, { token })).status).toBe(200);
    const [latest] = (await t.request('GET', `/v1/tickets/${id}/decisions`)).body.items;
    expect(latest.trace).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'assignment', outcome: 'kept' })]));
  });

  it('takes a ticket back when an admin moves its holder to a country outside the tier', async () => {
    clock.set(WEDNESDAY_MORNING);
    const token = await seedAgent(t, { id: 'mover', country: 'DE', skills: ['move'] });
    const id = await eeaTicket('move', 3);
    expect((await t.request('POST', '/v1/me/claims', { token })).body).toMatchObject({ id, status: 'assigned' });
    const moved = await t.request('PUT', '/v1/agents/mover', { body: { name: 'Mover', country: 'US', skills: ['move'] } });
    expect(moved.status).toBe(200);
    await waitFor(async () => (await ticket(id)).status === 'queued', 10_000, 'ticket taken back');
    expect((await ticket(id)).assigneeId).toBeNull();
    expect((await t.request('GET', `/v1/tickets/${id}`, { token })).status).toBe(404);
    expect((await t.request('POST', '/v1/me/claims', { token })).status).toBe(204);
  });

  it('refuses release, resolve and escalation to a holder moved out of the tier before the re-route has taken the ticket back', async () => {
    clock.set(WEDNESDAY_MORNING);
    const token = await seedAgent(t, { id: 'mid-move', country: 'DE', skills: ['midmove'] });
    const id = await eeaTicket('midmove', 3);
    expect((await t.request('POST', '/v1/me/claims', { token })).body).toMatchObject({ id, status: 'assigned' });
    const held = await ticket(id);
    // The window between the move being committed and the re-route landing: the row alone has changed.
    await ds.query("UPDATE agents SET country = 'US' WHERE id = 'mid-move'");
    const attempts: Array<[string, object | undefined]> = [
      ['release', undefined],
      ['resolve', undefined],
      ['escalations', { country: 'IE', reason: 'r' }],
    ];
    for (const [action, body] of attempts) {
      const res = await t.request('POST', `/v1/tickets/${id}/${action}`, { token, body });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(id);
    }
    expect((await t.request('GET', `/v1/tickets/${id}`, { token })).status).toBe(404);
    expect(await ticket(id)).toMatchObject({
      status: 'assigned',
      assigneeId: 'mid-move',
      resolvedAt: null,
      updatedAt: held.updatedAt,
    });
    // Back in the tier, the same agent may act on it again.
    await ds.query("UPDATE agents SET country = 'DE' WHERE id = 'mid-move'");
    expect((await t.request('POST', `/v1/tickets/${id}/resolve`, { token })).body).toMatchObject({ id, status: 'resolved' });
  });

  it('takes a ticket back when its holder loses a required skill', async () => {
    clock.set(WEDNESDAY_MORNING);
    const token = await seedAgent(t, { id: 'unskilled', country: 'IE', skills: ['kafka', 'other'] });
    const id = await eeaTicket('kafka', 3);
    expect((await t.request('POST', '/v1/me/claims', { token })).body).toMatchObject({ id, status: 'assigned' });
    expect(
      (await t.request('PUT', '/v1/agents/unskilled', { body: { name: 'U', country: 'IE', skills: ['other'] } })).status,
    ).toBe(200);
    await waitFor(async () => (await ticket(id)).status === 'queued', 10_000, 'ticket taken back');
    expect((await t.request('GET', `/v1/tickets/${id}`, { token })).status).toBe(404);
  });

  it("keeps an offline agent's tickets through the grace period and queues them after it", async () => {
    clock.set(WEDNESDAY_MORNING);
    const token = await seedAgent(t, { id: 'sleepy', country: 'DE', skills: ['offline'] });
    const otherToken = await seedAgent(t, { id: 'nosy', country: 'DE', skills: ['nothing'] });
    const id = await eeaTicket('offline', 3);
    expect((await t.request('POST', '/v1/me/claims', { token })).body).toMatchObject({ id, status: 'assigned' });

    // Only the agent itself or an admin sets its status.
    expect((await t.request('POST', '/v1/agents/sleepy/status', { token: otherToken, body: { status: 'offline' } })).status).toBe(
      404,
    );
    const manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'm' } })).body.token as string;
    expect((await t.request('POST', '/v1/agents/sleepy/status', { token: manager, body: { status: 'offline' } })).status).toBe(
      403,
    );
    const off = await t.request('POST', '/v1/agents/sleepy/status', { token, body: { status: 'offline' } });
    expect(off.body).toMatchObject({ id: 'sleepy', status: 'offline' });

    clock.advance((GRACE_SECONDS - 1) * 1000);
    expect(await t.get(OfflineTakeBack).takeBackDue(clock.now())).toBe(0);
    expect(await ticket(id)).toMatchObject({ status: 'assigned', assigneeId: 'sleepy' });

    clock.advance(1000);
    expect(await t.get(OfflineTakeBack).takeBackDue(clock.now())).toBe(1);
    expect(await ticket(id)).toMatchObject({ status: 'queued', assigneeId: null });
    // Offline agents claim nothing, and are told why.
    const offline = await t.request('POST', '/v1/me/claims', { token });
    expect(offline.status).toBe(409);
    expect(offline.body.error.code).toBe('agent_unavailable');
  });

  it("takes back only the agent's own tickets when its grace job runs, and nothing once it came back", async () => {
    clock.set(WEDNESDAY_MORNING);
    const token = await seedAgent(t, { id: 'dozy', country: 'DE', skills: ['grace'] });
    const id = await eeaTicket('grace', 3);
    expect((await t.request('POST', '/v1/me/claims', { token })).body).toMatchObject({ id, status: 'assigned' });
    const off = await t.request('POST', '/v1/agents/dozy/status', { token, body: { status: 'offline' } });
    const offlineSince = new Date(off.body.statusChangedAt);
    const agents = t.get(AgentsService);
    // A job for an earlier offline spell does nothing.
    expect(await agents.offlineGraceElapsed('dozy', new Date(offlineSince.getTime() - 1000))).toBe(0);
    expect(await ticket(id)).toMatchObject({ status: 'assigned', assigneeId: 'dozy' });
    clock.advance(GRACE_SECONDS * 1000);
    expect(await agents.offlineGraceElapsed('dozy', offlineSince)).toBe(1);
    expect(await ticket(id)).toMatchObject({ status: 'queued', assigneeId: null });
    const activity = (await t.request('GET', `/v1/tickets/${id}/activity`)).body.items;
    expect(activity.filter((a: { kind: string }) => a.kind === 'taken_back')).toEqual([
      expect.objectContaining({ actor: { type: 'system' }, details: { reason: 'offline', agentId: 'dozy' } }),
    ]);
    expect(await agents.offlineGraceElapsed('dozy', offlineSince)).toBe(0);
  });

  it('flags a severity 1 ticket nobody claimed in time without widening who may take it', async () => {
    clock.set(new Date());
    const id = await eeaTicket('alarm', 1);
    const before = await ticket(id);
    expect(before.status).toBe('queued');
    await t.get(Sev1Alarms).raiseDue(clock.now());
    expect((await ticket(id)).flags).not.toContain('sev1_unclaimed');

    clock.advance(ALARM_SECONDS * 1000 + 1000);
    await t.get(Sev1Alarms).raiseDue(clock.now());
    const after = await ticket(id);
    expect(after.flags).toContain('sev1_unclaimed');
    expect(after.allowedCountries).toEqual(before.allowedCountries);
    expect(after.allowedCountries).not.toContain('US');
    // Raised once; a later routing keeps the flag and still does not widen the pool.
    await t.get(Sev1Alarms).raiseDue(clock.now());
    await t.get(RouterService).route(id, 'ticket_update');
    const rerouted = await ticket(id);
    // Nothing stored changed (the alarm flag is kept), so the evaluation adds no decision.
    expect(await decisionCount(id)).toBe(1);
    expect(rerouted.flags.filter((f) => f === 'sev1_unclaimed')).toHaveLength(1);
    expect(rerouted.allowedCountries).toEqual(before.allowedCountries);
  });
});
