import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer approval (SPEC 9): links a customer's approver decides from (only the SHA-256 of each token
 * is stored), requests the customer denied, and on every consent how it was given and its signed receipt.
 */
export class CustomerApprovalLinks1733300000000 implements MigrationInterface {
  name = 'CustomerApprovalLinks1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approval_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consent_request_id uuid NOT NULL REFERENCES consent_requests(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        decision text CHECK (decision IN ('approved', 'denied')),
        decided_at timestamptz,
        approver_name text,
        approver_role text,
        note text,
        consent_id uuid,
        CONSTRAINT uq_approval_links_token_hash UNIQUE (token_hash),
        CHECK ((decision IS NULL) = (decided_at IS NULL))
      );
      CREATE INDEX ix_approval_links_request ON approval_links (consent_request_id);
      ALTER TABLE consent_requests DROP CONSTRAINT consent_requests_status_check;
      ALTER TABLE consent_requests ADD CONSTRAINT consent_requests_status_check
        CHECK (status IN ('pending', 'granted', 'expired', 'denied'));
      ALTER TABLE consents ADD COLUMN approved_via text NOT NULL DEFAULT 'manager'
        CHECK (approved_via IN ('manager', 'customer_link'));
      ALTER TABLE consents ADD COLUMN receipt text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consents DROP COLUMN receipt;
      ALTER TABLE consents DROP COLUMN approved_via;
      ALTER TABLE consent_requests DROP CONSTRAINT consent_requests_status_check;
      ALTER TABLE consent_requests ADD CONSTRAINT consent_requests_status_check CHECK (status IN ('pending', 'granted', 'expired'));
      DROP TABLE approval_links;
    `);
  }
}
