import { DataSource, EntityManager } from 'typeorm';
import { ManualClock } from '@eea/config';
import { QueueService } from '@eea/queue';
import { permittedCountries } from '@eea/policy';
import { RouterService, TicketEvaluator } from '@eea/routing';
import { FirstRoutingRead, RoutingDecision, TicketEntity, readForFirstRoutings, saveFirstRoutings } from '@eea/tickets';
import { ADMIN_TOKEN, TestApp, createTestApp, seedOrganization, waitFor } from '@eea/testing';

/**
 * A new ticket's first routing reads without a lock and writes only if the row is still the version it
 * read. These tests put a change between the read and the write, where the race would be.
 */
describe('routing: the lock-free first routing', () => {
  let t: TestApp;
  let db: DataSource;
  let sequence = 0;

  // Saturday 12:00 in Brussels: eea_only severities 2-4 wait for Monday 09:00.
  const clock = new ManualClock(new Date('2026-11-28T11:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    db = t.get(DataSource);
    await seedOrganization(t, 'first-std', 'standard');
    await seedOrganization(t, 'first-eea', 'eea_only');
  });
  afterAll(async () => {
    await t.close();
  });

  /** A committed, never-routed ticket with no routing job anywhere (severity 1: open 24x7, never deferred). */
  async function receivedTicket(organizationId = 'first-std', severity = 1): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO tickets (source, external_id, organization_id, region, jurisdiction, tier, severity, status, source_updated_at)
       VALUES ('generic', $1, $2, 'eu-west-1', 'EEA', 'standard', $3, 'received', now()) RETURNING id`,
      [`first-${++sequence}`, organizationId, severity],
    );
    return row.id as string;
  }

  /** What the router decides from `read`: the routed ticket in memory and its decision. */
  function decide(read: FirstRoutingRead, now: Date): RoutingDecision {
    const { evaluation } = t.get(TicketEvaluator).evaluateWith(read.ticket, read.tier, read.consents, now);
    const permitted = permittedCountries(evaluation);
    Object.assign(read.ticket, {
      status: 'queued',
      allowedCountries: permitted === '*' ? null : permitted,
      regionCountry: evaluation.regionCountry,
      jurisdiction: evaluation.jurisdiction,
      tier: evaluation.tier,
      policyVersion: evaluation.policyVersion,
      flags: evaluation.flags,
    });
    return {
      at: now,
      trigger: 'intake',
      policyVersion: evaluation.policyVersion,
      outcome: 'queued',
      allowedCountries: read.ticket.allowedCountries,
      deferredUntil: null,
      flags: evaluation.flags,
      trace: evaluation.trace,
    };
  }

  /** The first routing's statements for one ticket (a batch of one). */
  const readForFirstRouting = async (m: EntityManager, id: string, now: Date) =>
    (await readForFirstRoutings(m, [id], now)).get(id);
  const saveFirstRouting = async (m: EntityManager, read: FirstRoutingRead, decision: RoutingDecision) => {
    const [saved] = await saveFirstRoutings(m, [{ read, decision }]);
    return saved && (saved.jobs.length ? { followUp: saved.jobs[0] } : {});
  };

  const stored = (id: string) => db.getRepository(TicketEntity).findOneByOrFail({ id });
  const decisions = async (id: string) =>
    Number((await db.query('SELECT count(*)::int AS n FROM decisions WHERE ticket_id = $1', [id]))[0].n);

  it('writes nothing when the ticket changed after it was read, and writes once when it did not', async () => {
    const id = await receivedTicket();
    const now = clock.now();
    const stale = (await readForFirstRouting(db.manager, id, now))!;
    expect(stale.ticket).toMatchObject({ id, status: 'received' });
    // A routing request in between (an update arrived) makes a new row version.
    await db.query('UPDATE tickets SET revision = revision + 1 WHERE id = $1', [id]);
    expect(await saveFirstRouting(db.manager, stale, decide(stale, now))).toBe(false);
    expect(await stored(id)).toMatchObject({ status: 'received', allowedCountries: [] });
    expect(await decisions(id)).toBe(0);

    const fresh = (await readForFirstRouting(db.manager, id, now))!;
    expect(await saveFirstRouting(db.manager, fresh, decide(fresh, now))).toEqual({});
    expect(await stored(id)).toMatchObject({ status: 'queued', tier: 'standard', jurisdiction: 'EEA' });
    expect((await stored(id)).allowedCountries).toEqual(expect.arrayContaining(['DE', 'IN', 'PH']));
    expect(await decisions(id)).toBe(1);
    // It committed without the WAL flush wait, as its own transaction: the pooled connections are as they were.
    const modes = await Promise.all(Array.from({ length: 5 }, () => db.query('SHOW synchronous_commit')));
    expect(modes.map(([r]) => r.synchronous_commit)).toEqual(Array(5).fill('on'));
    // Once routed, it is never the first routing again: a second write finds no `received` row.
    expect(await saveFirstRouting(db.manager, fresh, decide(fresh, now))).toBe(false);
    expect(await decisions(id)).toBe(1);
  });

  it('never lets a decision read before a revocation widen the ticket after it', async () => {
    const id = await receivedTicket();
    const [consent] = await db.query(
      `INSERT INTO consents (ticket_id, countries, approved_by_name, evidence, granted_at, expires_at)
       VALUES ($1, '{US}', 'Customer', 'call', $2::timestamptz - interval '1 minute', $2::timestamptz + interval '1 day') RETURNING id`,
      [id, clock.now()],
    );
    const now = clock.now();
    const read = (await readForFirstRouting(db.manager, id, now))!;
    const decision = decide(read, now);
    expect(read.consents.map((c) => c.id)).toEqual([consent.id]);
    expect(
      permittedCountries(t.get(TicketEvaluator).evaluateWith(read.ticket, read.tier, read.consents, now).evaluation),
    ).toContain('US');

    const manager = (
      await t.request('POST', '/v1/tokens', { token: ADMIN_TOKEN, body: { role: 'manager', name: 'first-routing' } })
    ).body.token as string;
    expect((await t.request('DELETE', `/v1/consents/${consent.id}`, { token: manager })).status).toBe(200);

    expect(await saveFirstRouting(db.manager, read, decision)).toBe(false);
    const after = await stored(id);
    expect(after.status).toBe('queued');
    expect(after.allowedCountries).not.toContain('US');
  });

  it('defers in the same statement that stages the job to route it again when the window opens', async () => {
    const id = await receivedTicket('first-eea', 3);
    expect(await t.get(RouterService).route(id, 'intake')).toBe('deferred');
    const ticket = await stored(id);
    expect(ticket).toMatchObject({ status: 'deferred', deferredUntil: new Date('2026-11-30T08:00:00.000Z'), tier: 'eea_only' });
    const jobId = `route-${id}-${ticket.revision}-d${Date.parse('2026-11-30T08:00:00.000Z')}`;
    const job = await waitFor(async () => t.get(QueueService).queue('routing').getJob(jobId), 10_000, 'deferral job relayed');
    expect(job.data).toEqual({
      ticketId: id,
      revision: ticket.revision,
      reason: 'deferral_elapsed',
      dueAt: '2026-11-30T08:00:00.000Z',
    });
    expect(job.delay).toBe(Date.parse('2026-11-30T08:00:00.000Z') - clock.now().getTime());
    expect(await db.query(`SELECT id FROM outbox WHERE job_id = $1`, [jobId])).toEqual([]);
    expect(await decisions(id)).toBe(1);
  });

  it('ends every ticket routed exactly as the policy says, however first routings and routing requests interleave', async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, () => receivedTicket()));
    const router = t.get(RouterService);
    await Promise.all(
      ids.flatMap((id) => [
        router.route(id, 'intake'),
        router.route(id, 'intake'),
        db.query('UPDATE tickets SET revision = revision + 1 WHERE id = $1', [id]),
        router.route(id, 'ticket_update'),
      ]),
    );
    const rows = await db.getRepository(TicketEntity).findBy(ids.map((id) => ({ id })));
    for (const row of rows) {
      expect(row.status).toBe('queued');
      expect(row.allowedCountries).toEqual(expect.arrayContaining(['DE', 'IN', 'PH']));
      expect(row.allowedCountries).not.toContain('US');
    }
    const [{ n }] = await db.query(`SELECT count(DISTINCT ticket_id)::int AS n FROM decisions WHERE ticket_id = ANY($1)`, [ids]);
    expect(n).toBe(ids.length);
  });
});
