import { DataSource } from 'typeorm';
import { SweepService } from '@eea/routing';
import { TicketEntity } from '@eea/tickets';
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
  afterAll(async () => { await t.close(); });

  it('routes a ticket left in received with no job anywhere, and leaves fresh ones to their jobs', async () => {
    const db = t.get(DataSource);
    const insert = async (externalId: string, age: string) => {
      const [row] = await db.query(
        `INSERT INTO tickets (source, external_id, organization_id, region, jurisdiction, tier, severity, status,
           allowed_countries, source_updated_at, waiting_since, updated_at)
         VALUES ('generic', $1, 'acme', 'eu-west-1', 'UNKNOWN', 'eea_only', 1, 'received', '{}', now(), now(), now() - $2::interval)
         RETURNING id`, [externalId, age]);
      return row.id as string;
    };
    const stale = await insert('lost-job', '1 minute');
    const fresh = await insert('just-arrived', '0 seconds');
    const counts = await t.get(SweepService).sweep();
    expect(counts.unrouted).toBe(1);
    const tickets = db.getRepository(TicketEntity);
    await waitFor(async () => (await tickets.findOneBy({ id: stale }))?.status === 'queued', 10_000, 'stale ticket routed');
    const routed = (await tickets.findOneBy({ id: stale }))!;
    expect(routed.allowedCountries).toContain('DE');
    expect(routed.allowedCountries).not.toContain('US');
    expect((await tickets.findOneBy({ id: fresh }))!.status).toBe('received');
  });
});
