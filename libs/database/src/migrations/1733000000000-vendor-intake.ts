import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Real Zendesk and Jira deliveries (SPEC 5.1). Jira tickets were identified by their issue key, which
 * changes when an issue moves; they are now identified by issue.id. Existing Jira tickets keep their
 * key as external_key and are adopted under their issue id by the first delivery that names both
 * (libs/intake/src/jira-identity.ts), so no ticket is lost or duplicated.
 */
export class VendorIntake1733000000000 implements MigrationInterface {
  name = 'VendorIntake1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tickets
        ADD COLUMN external_key text,
        ADD COLUMN organization_ids text[],
        ADD COLUMN source_sent_at timestamptz,
        ADD COLUMN requester_external_hash text;
      UPDATE tickets SET external_key = external_id WHERE source = 'jira';
      CREATE INDEX ix_tickets_external_key ON tickets (source, external_key) WHERE external_key IS NOT NULL;
      CREATE INDEX ix_tickets_external_user_hash ON tickets (requester_external_hash) WHERE requester_external_hash IS NOT NULL;
      -- Managers' flag filter; most tickets carry no flag and stay out of it (intake and routing write no GIN entry for them).
      CREATE INDEX ix_tickets_flags ON tickets USING gin (flags) WHERE flags <> '{}';
      CREATE INDEX ix_tickets_organization_ids ON tickets USING gin (organization_ids) WHERE organization_ids IS NOT NULL;
      ALTER TABLE webhook_deliveries ADD COLUMN replay_key text;
      CREATE UNIQUE INDEX uq_webhook_deliveries_replay ON webhook_deliveries (source, replay_key);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX uq_webhook_deliveries_replay;
      ALTER TABLE webhook_deliveries DROP COLUMN replay_key;
      DROP INDEX ix_tickets_organization_ids;
      DROP INDEX ix_tickets_flags;
      DROP INDEX ix_tickets_external_user_hash;
      DROP INDEX ix_tickets_external_key;
      UPDATE tickets SET external_id = external_key WHERE source = 'jira' AND external_key IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM tickets o WHERE o.source = 'jira' AND o.external_id = tickets.external_key);
      ALTER TABLE tickets DROP COLUMN requester_external_hash, DROP COLUMN source_sent_at, DROP COLUMN organization_ids, DROP COLUMN external_key;
    `);
  }
}
