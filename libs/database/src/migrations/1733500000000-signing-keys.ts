import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The development signing key (used only when SIGNING_KEYS is not configured), one row at most, so
 * that receipts and audit checkpoints signed before a restart still verify after it.
 */
export class SigningKeys1733500000000 implements MigrationInterface {
  name = 'SigningKeys1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signing_keys (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        kid text NOT NULL,
        private_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signing_keys;`);
  }
}
