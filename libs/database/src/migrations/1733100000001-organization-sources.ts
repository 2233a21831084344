import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhook sources an organisation is believed from. Empty (the default, and every organisation
 * that existed before): any source, as before.
 */
export class OrganizationSources1733100000001 implements MigrationInterface {
  name = 'OrganizationSources1733100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN sources text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organizations DROP COLUMN sources');
  }
}
