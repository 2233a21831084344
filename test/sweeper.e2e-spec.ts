import { DataSource } from 'typeorm';
import { Clock } from '@eea/config';
import { RoutingRequestsDue } from '@eea/routing';
import { TicketEntity, lockTicketForRouting } from '@eea/tickets';
import { TestApp, createTestApp, seedOrganization, waitFor } from '@eea/testing';

/**
 * The sweeper is the safety net behind every job: a ticket that is committed but was never routed
 * (its routing job and outbox row lost, or its first routing lost in a database crash) is routed.
 */
describe('sweeper', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrganization(t, 'acme', 'eea_only');
  });
  afterAll(async () => {
    await t.close();
  });

  it('routes a ticket left in received with no job anywhere, and leaves fresh ones to their jobs', async () => {
    const db = t.get(DataSource);
    const insert = async (externalId: string, age: string) => {
      const [row] = await db.query(
        `INSERT INTO tickets (source, external_id, organization_id, region, jurisdiction, tier, severity, status,
           allowed_countries, source_updated_at, waiting_since, updated_at)
         VALUES ('generic', $1, 'acme', 'eu-west-1', 'UNKNOWN', 'eea_only', 1, 'received', '{}', now(), now(), now() - $2::interval)
         RETURNING id`,
        [externalId, age],
      );
      return row.id as string;
    };
    const stale = await insert('lost-job', '1 minute');
    const fresh = await insert('just-arrived', '0 seconds');
    const counts = await t.get(RoutingRequestsDue).requestDue(t.get(Clock).now());
    expect(counts.unrouted).toBe(1);
    const tickets = db.getRepository(TicketEntity);
    await waitFor(async () => (await tickets.findOneBy({ id: stale }))?.status === 'queued', 10_000, 'stale ticket routed');
    const routed = (await tickets.findOneBy({ id: stale }))!;
    expect(routed.allowedCountries).toContain('DE');
    expect(routed.allowedCountries).not.toContain('US');
    expect((await tickets.findOneBy({ id: fresh }))!.status).toBe('received');
  });

  it('lets only the first routing of a ticket (still received) commit without waiting for the WAL flush', async () => {
    const db = t.get(DataSource);
    const [received] = await db.query(
      `INSERT INTO tickets (source, external_id, organization_id, region, jurisdiction, tier, severity, status, source_updated_at)
       VALUES ('generic', 'commit-mode', 'acme', 'eu-west-1', 'EEA', 'eea_only', 1, 'received', now()) RETURNING id`,
    );
    const commitModeWhenLocked = (id: string) =>
      db.transaction(async (m) => {
        const ticket = await lockTicketForRouting(m, id);
        const [{ synchronous_commit: mode }] = await m.query('SHOW synchronous_commit');
        return { status: ticket?.status, mode, extra: ticket && 'commit_mode' in ticket };
      });
    expect(await commitModeWhenLocked(received.id)).toEqual({ status: 'received', mode: 'off', extra: false });
    await db.query(`UPDATE tickets SET status = 'queued' WHERE id = $1`, [received.id]);
    expect(await commitModeWhenLocked(received.id)).toEqual({ status: 'queued', mode: 'on', extra: false });
    // The setting is the transaction's own: the connection goes back to the pool as it was.
    const modes = await Promise.all(Array.from({ length: 5 }, () => db.query('SHOW synchronous_commit')));
    expect(modes.map(([r]) => r.synchronous_commit)).toEqual(Array(5).fill('on'));
  });
});
