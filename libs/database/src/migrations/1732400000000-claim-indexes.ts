import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims read the queue in (severity, waiting_since, id) order. With id in the index the first
 * eligible row comes straight off the index (no incremental sort), and agents without a country,
 * who may only take unrestricted tickets, get their own small index instead of filtering the queue.
 */
export class ClaimIndexes1732400000000 implements MigrationInterface {
  name = 'ClaimIndexes1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_tickets_queue_order ON tickets (severity, waiting_since, id) WHERE status = 'queued';
      CREATE INDEX ix_tickets_queue_unrestricted ON tickets (severity, waiting_since, id)
        WHERE status = 'queued' AND allowed_countries IS NULL;
      DROP INDEX ix_tickets_claimable;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_tickets_claimable ON tickets (severity, waiting_since) WHERE status = 'queued';
      DROP INDEX ix_tickets_queue_unrestricted;
      DROP INDEX ix_tickets_queue_order;
    `);
  }
}
