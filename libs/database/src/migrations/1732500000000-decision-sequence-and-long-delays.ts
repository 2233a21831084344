import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions get an insertion sequence so that "newest first" is exact even when two evaluations share
 * a timestamp; outbox delays become bigint because a 30-day consent expiry overflows int4 milliseconds.
 */
export class DecisionSequenceAndLongDelays1732500000000 implements MigrationInterface {
  name = 'DecisionSequenceAndLongDelays1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE decisions ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
      CREATE INDEX ix_decisions_ticket_seq ON decisions (ticket_id, seq);
      ALTER TABLE outbox ALTER COLUMN delay_ms TYPE bigint;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox ALTER COLUMN delay_ms TYPE integer;
      DROP INDEX ix_decisions_ticket_seq;
      ALTER TABLE decisions DROP COLUMN seq;
    `);
  }
}
