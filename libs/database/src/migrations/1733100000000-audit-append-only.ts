import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log becomes append-only in the database itself (SPEC 7): a trigger refuses UPDATE, DELETE
 * and TRUNCATE of its rows whatever role the statement runs as, so no bug and no query the service
 * can be tricked into running changes history. Signed checkpoints of the chain head live beside it,
 * under the same rule: `npm run audit:verify` compares the log with them, which finds what a superuser
 * could still do by disabling the trigger (a deleted tail, a rewrite with recomputed hashes).
 */
export class AuditAppendOnly1733100000000 implements MigrationInterface {
  name = 'AuditAppendOnly1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
      CREATE TABLE audit_checkpoints (
        seq bigint PRIMARY KEY,
        hash text NOT NULL,
        at timestamptz NOT NULL,
        kid text NOT NULL,
        jws text NOT NULL
      );
      CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
        FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_checkpoints FROM PUBLIC;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_checkpoints;
      DROP TRIGGER audit_log_append_only ON audit_log;
      DROP TRIGGER audit_log_no_truncate ON audit_log;
      DROP FUNCTION refuse_audit_change();
    `);
  }
}
