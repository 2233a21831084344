import { DataSource } from 'typeorm';
import { ManualClock } from '@eea/config';
import { QueueService } from '@eea/queue';
import { FirstRoutingBatch, RouterService } from '@eea/routing';
import { TicketEntity } from '@eea/tickets';
import { ADMIN_TOKEN, TestApp, createTestApp, seedOrganization, waitFor } from '@eea/testing';
import { genericTicket, sendGeneric } from './intake-helpers';

/**
 * Batched first routing (docs/performance.md): the routing jobs in flight together are read with one
 * statement and written with one statement, each row guarded by its own row version.
 */
describe('routing: batched first routing', () => {
  let t: TestApp;
  let db: DataSource;
  let sequence = 0;

  // Saturday 12:00 in Brussels: eea_only severities 2-4 wait for Monday 09:00.
  const clock = new ManualClock(new Date('2026-11-28T11:00:00Z'));
  const monday = new Date('2026-11-30T08:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    db = t.get(DataSource);
    await seedOrganization(t, 'batch-std', 'standard');
    await seedOrganization(t, 'batch-eea', 'eea_only');
  });
  afterAll(async () => {
    await t.close();
  });

  /** A committed, never-routed ticket with no routing job anywhere. */
  async function receivedTicket(organizationId = 'batch-std', severity = 1): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO tickets (source, external_id, organization_id, region, jurisdiction, tier, severity, status, source_updated_at)
       VALUES ('generic', $1, $2, 'eu-west-1', 'EEA', 'standard', $3, 'received', now()) RETURNING id`,
      [`batch-${++sequence}`, organizationId, severity],
    );
    return row.id as string;
  }

  const stored = (id: string) => db.getRepository(TicketEntity).findOneByOrFail({ id });
  const decisionCounts = async (ids: string[]) =>
    new Map<string, number>(
      (
        await db.query(`SELECT ticket_id, count(*)::int AS n FROM decisions WHERE ticket_id = ANY($1) GROUP BY ticket_id`, [ids])
      ).map((r: { ticket_id: string; n: number }) => [r.ticket_id, r.n]),
    );

  it('routes 200 concurrent webhooks, each exactly once and as the policy says, in shared commits', async () => {
    // Standard tier: queued; EEA-only severity 1: queued; EEA-only severity 3 on a Saturday: deferred with its job.
    const kinds = [
      { org: 'batch-std', severity: 1, status: 'queued' },
      { org: 'batch-eea', severity: 1, status: 'queued' },
      { org: 'batch-eea', severity: 3, status: 'deferred' },
    ] as const;
    const bodies = Array.from({ length: 200 }, (_, i) => {
      const kind = kinds[i % kinds.length];
      return { kind, body: genericTicket({ organizationId: kind.org, severity: kind.severity }) };
    });
    const responses = await Promise.all(bodies.map(({ body }) => sendGeneric(t, body)));
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(202));
    const externalIds = bodies.map(({ body }) => body.ticket.externalId);

    const rows = await waitFor(
      async () => {
        const found: TicketEntity[] = await db
          .getRepository(TicketEntity)
          .findBy(externalIds.map((externalId) => ({ externalId })));
        return found.length === 200 && found.every((r) => r.status !== 'received') && found;
      },
      60_000,
      'all 200 tickets routed',
    );
    const byExternalId = new Map(rows.map((r) => [r.externalId, r]));
    const ids = rows.map((r) => r.id);
    const counts = await decisionCounts(ids);
    for (const { kind, body } of bodies) {
      const row = byExternalId.get(body.ticket.externalId)!;
      expect({ status: row.status, decisions: counts.get(row.id) }).toEqual({ status: kind.status, decisions: 1 });
      if (kind.org === 'batch-eea') expect(row.allowedCountries).not.toContain('US');
      if (kind.status === 'deferred') expect(row.deferredUntil).toEqual(monday);
    }
    const decisions: Array<{ ticket_id: string; outcome: string; tx: string }> = await db.query(
      `SELECT ticket_id, outcome, xmin::text AS tx FROM decisions WHERE ticket_id = ANY($1)`,
      [ids],
    );
    expect(decisions.every((d) => d.outcome === rows.find((r) => r.id === d.ticket_id)!.status)).toBe(true);
    // Routed in shared commits: fewer transactions than decisions.
    expect(new Set(decisions.map((d) => d.tx)).size).toBeLessThan(200);

    // Every deferral's job to route it again on Monday was staged by the batch statement and relayed.
    const routing = t.get(QueueService).queue('routing');
    const deferred = rows.filter((r) => r.status === 'deferred');
    expect(deferred.length).toBe(66);
    await waitFor(
      async () => {
        const jobs = await Promise.all(deferred.map((r) => routing.getJob(`route-${r.id}-${r.revision}-d${monday.getTime()}`)));
        return jobs.every(Boolean);
      },
      10_000,
      'deferral jobs relayed',
    );
  });

  it('writes the others of a batch and leaves a ticket that changed between read and write to the locked path', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => receivedTicket()));
    const changed = ids[2];
    const [consent] = await db.query(
      `INSERT INTO consents (ticket_id, countries, approved_by_name, evidence, granted_at, expires_at)
       VALUES ($1, '{US}', 'Customer', 'call', $2::timestamptz - interval '1 minute', $2::timestamptz + interval '1 day') RETURNING id`,
      [changed, clock.now()],
    );
    const batch = t.get(FirstRoutingBatch);
    const plans = await batch.plan(
      ids.map((ticketId) => ({ ticketId, trigger: 'intake' as const })),
      clock.now(),
    );
    // Written as read, the changed ticket would be open to the US.
    const planned = plans[2];
    expect('write' in planned && planned.write.decision.allowedCountries).toContain('US');

    // A revocation between the read and the write rewrites the ticket row.
    const manager = (await t.request('POST', '/v1/tokens', { token: ADMIN_TOKEN, body: { role: 'manager', name: 'batch' } })).body
      .token as string;
    expect((await t.request('DELETE', `/v1/consents/${consent.id}`, { token: manager })).status).toBe(200);

    expect(await batch.write(plans)).toEqual(['queued', 'queued', 'locked', 'queued', 'queued']);
    const counts = await decisionCounts(ids);
    for (const id of ids.filter((id) => id !== changed)) {
      expect(await stored(id)).toMatchObject({ status: 'queued', tier: 'standard' });
      expect(counts.get(id)).toBe(1);
    }
    // The revocation's own re-routing may have routed it already; either way it was not written from the stale read.
    const after = await stored(changed);
    expect(after.allowedCountries ?? []).not.toContain('US');

    // The job of the changed ticket goes the locked way, as RouterService.route sends it.
    expect(await t.get(RouterService).routeUnderLock(changed, 'intake')).toBe('queued');
    const routed = await stored(changed);
    expect(routed.status).toBe('queued');
    expect(routed.allowedCountries).toEqual(expect.arrayContaining(['DE', 'IN', 'PH']));
    expect(routed.allowedCountries).not.toContain('US');
    expect((await decisionCounts([changed])).get(changed)).toBe(1);
  });

  it('fails a request that breaks its batch alone and routes its neighbours', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => receivedTicket()));
    const batch = t.get(FirstRoutingBatch);
    // The first goes at once and alone; the rest gather behind it into one batch, broken by the bad id.
    const requests = [...ids.slice(0, 3), 'not-a-ticket-id', ...ids.slice(3)];
    const results = await Promise.allSettled(requests.map((id) => batch.route(id, 'intake')));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<unknown>).value)).toEqual(
      Array(6).fill('queued'),
    );
    const counts = await decisionCounts(ids);
    expect(ids.map((id) => counts.get(id))).toEqual(Array(6).fill(1));
  });

  it('writes a ticket named twice in one batch once, and sends the second request the locked way', async () => {
    const [a, b] = await Promise.all([receivedTicket(), receivedTicket()]);
    const batch = t.get(FirstRoutingBatch);
    expect(
      await batch.routeAll([
        { ticketId: a, trigger: 'intake' },
        { ticketId: a, trigger: 'intake' },
        { ticketId: b, trigger: 'intake' },
        { ticketId: '00000000-0000-4000-8000-000000000000', trigger: 'intake' },
      ]),
    ).toEqual(['queued', 'locked', 'queued', null]);
    const counts = await decisionCounts([a, b]);
    expect([counts.get(a), counts.get(b)]).toEqual([1, 1]);
    // The second request under the lock changes nothing and records nothing.
    expect(await t.get(RouterService).route(a, 'intake')).toBe('queued');
    expect((await decisionCounts([a])).get(a)).toBe(1);
  });
});
