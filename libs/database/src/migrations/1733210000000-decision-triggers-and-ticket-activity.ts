import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each decision says what caused it (`trigger`; null for decisions recorded before it existed), and
 * each ticket keeps a log of what people and the system did with it (claims, releases, resolutions,
 * escalations, take-backs): ids and enums only, like the audit log, so erasure has nothing to scrub.
 */
export class DecisionTriggersAndTicketActivity1733210000000 implements MigrationInterface {
  name = 'DecisionTriggersAndTicketActivity1733210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE decisions ADD COLUMN trigger text;
      CREATE TABLE ticket_activity (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('claimed', 'released', 'resolved', 'escalated', 'taken_back')),
        agent_id text,
        actor_token_id uuid,
        details jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX ix_ticket_activity_ticket ON ticket_activity (ticket_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ticket_activity; ALTER TABLE decisions DROP COLUMN trigger;`);
  }
}
