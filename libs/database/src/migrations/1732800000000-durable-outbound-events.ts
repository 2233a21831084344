import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound events keep their outbox row until delivered (or given up), so that a job Redis lost is
 * relayed again: `relayed_at` says when it was last handed to BullMQ, and the handler finds its row
 * by job id.
 */
export class DurableOutboundEvents1732800000000 implements MigrationInterface {
  name = 'DurableOutboundEvents1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox ADD COLUMN relayed_at timestamptz;
      CREATE INDEX ix_outbox_job_id ON outbox (job_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_outbox_job_id;
      ALTER TABLE outbox DROP COLUMN relayed_at;
    `);
  }
}
