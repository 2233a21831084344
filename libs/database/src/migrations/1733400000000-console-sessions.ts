import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console sign-in sessions. Only hashes of the session secret are kept; the session points at the
 * token it was opened with by that token's hash, so revoking the token ends its sessions too.
 */
export class ConsoleSessions1733400000000 implements MigrationInterface {
  name = 'ConsoleSessions1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE console_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        secret_hash text NOT NULL UNIQUE,
        token_hash text NOT NULL,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX ix_console_sessions_token_hash ON console_sessions (token_hash);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE console_sessions');
  }
}
