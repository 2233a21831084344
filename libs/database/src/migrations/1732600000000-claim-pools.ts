import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claim pools. A ticket's permitted countries are one of a handful of distinct sets (a tier's set,
 * that set plus consented countries, one escalation country). Each ticket carries its set as a key,
 * a registry lists every set in use, and a claim probes, in queue order, only the sets that contain
 * the agent's country: an agent whose country matches nothing reads nothing instead of the whole queue.
 * One trigger keeps key and registry in step with allowed_countries inside the ticket's own transaction.
 */
export class ClaimPools1732600000000 implements MigrationInterface {
  name = 'ClaimPools1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE country_sets (key text PRIMARY KEY, countries text[] NOT NULL);
      CREATE INDEX ix_country_sets_countries ON country_sets USING gin (countries);
      ALTER TABLE tickets ADD COLUMN allowed_key text;

      CREATE FUNCTION tickets_allowed_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.allowed_key := COALESCE(array_to_string(NEW.allowed_countries, ','), '*');
        IF NEW.allowed_countries IS NOT NULL THEN
          INSERT INTO country_sets (key, countries) VALUES (NEW.allowed_key, NEW.allowed_countries)
            ON CONFLICT (key) DO NOTHING;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER trg_tickets_allowed_key BEFORE INSERT OR UPDATE OF allowed_countries ON tickets
        FOR EACH ROW EXECUTE FUNCTION tickets_allowed_key();
      UPDATE tickets SET allowed_countries = allowed_countries;
      ALTER TABLE tickets ALTER COLUMN allowed_key SET NOT NULL;

      CREATE INDEX ix_tickets_queue_by_set ON tickets (allowed_key, severity, waiting_since, id) WHERE status = 'queued';
      DROP INDEX ix_tickets_queue_unrestricted;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_tickets_queue_unrestricted ON tickets (severity, waiting_since, id)
        WHERE status = 'queued' AND allowed_countries IS NULL;
      DROP INDEX ix_tickets_queue_by_set;
      DROP TRIGGER trg_tickets_allowed_key ON tickets;
      DROP FUNCTION tickets_allowed_key();
      ALTER TABLE tickets DROP COLUMN allowed_key;
      DROP TABLE country_sets;
    `);
  }
}
