import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ticket stored but not yet routed permits nobody: allowed_countries defaults to the empty set.
 * NULL ("unrestricted") is only ever written by the router, for tickets the policy leaves open.
 */
export class UnroutedTicketsFailClosed1732700000000 implements MigrationInterface {
  name = 'UnroutedTicketsFailClosed1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tickets ALTER COLUMN allowed_countries SET DEFAULT '{}';
      UPDATE tickets SET allowed_countries = '{}' WHERE status = 'received' AND allowed_countries IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets ALTER COLUMN allowed_countries DROP DEFAULT`);
  }
}
