import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consent request names the customer and the ticket as the ticketing system knows it, so a manager
 * can ask the right customer without looking the ticket up. Copied at request time: the request is
 * what the customer is asked, whatever later happens to the ticket.
 */
export class ConsentRequestFacts1733200000000 implements MigrationInterface {
  name = 'ConsentRequestFacts1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consent_requests ADD COLUMN organization_id text, ADD COLUMN external_id text;
      UPDATE consent_requests r SET organization_id = t.organization_id, external_id = t.external_id FROM tickets t WHERE t.id = r.ticket_id;
      UPDATE consent_requests SET organization_id = '', external_id = '' WHERE organization_id IS NULL;
      ALTER TABLE consent_requests ALTER COLUMN organization_id SET NOT NULL, ALTER COLUMN external_id SET NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent_requests DROP COLUMN organization_id, DROP COLUMN external_id`);
  }
}
