import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1732300000000 implements MigrationInterface {
  name = 'InitialSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id text PRIMARY KEY,
        name text NOT NULL,
        support_tier text NOT NULL CHECK (support_tier IN ('standard', 'eea_only')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE agents (
        id text PRIMARY KEY,
        name text NOT NULL,
        country text CHECK (country ~ '^[A-Z]{2}$'),
        skills text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        capacity integer NOT NULL DEFAULT 5 CHECK (capacity >= 0),
        status text NOT NULL DEFAULT 'offline' CHECK (status IN ('available', 'away', 'offline')),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'manager', 'agent', 'auditor')),
        agent_id text,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CHECK ((role = 'agent') = (agent_id IS NOT NULL))
      );
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source text NOT NULL,
        external_id text NOT NULL,
        organization_id text NOT NULL,
        region text,
        region_country text,
        jurisdiction text NOT NULL CHECK (jurisdiction IN ('EEA', 'NON_EEA', 'UNKNOWN')),
        tier text NOT NULL CHECK (tier IN ('standard', 'eea_only')),
        severity smallint NOT NULL CHECK (severity BETWEEN 1 AND 4),
        category text,
        skills text[] NOT NULL DEFAULT '{}',
        language text,
        problem_ref text,
        status text NOT NULL CHECK (status IN ('received', 'queued', 'deferred', 'assigned', 'resolved', 'stranded')),
        allowed_countries text[],
        deferred_until timestamptz,
        assignee_id text REFERENCES agents(id),
        assigned_at timestamptz,
        escalation_country text,
        flags text[] NOT NULL DEFAULT '{}',
        policy_version text,
        source_updated_at timestamptz NOT NULL,
        waiting_since timestamptz NOT NULL DEFAULT now(),
        revision integer NOT NULL DEFAULT 0,
        alarm_raised_at timestamptz,
        requester_email_hash text,
        requester_phone_hash text,
        resolved_at timestamptz,
        -- millisecond precision so that list cursors (ISO strings) compare exactly
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_tickets_source_external UNIQUE (source, external_id),
        -- an assigned ticket always has its assignee, and only an assigned ticket has one
        CONSTRAINT ck_tickets_assignee CHECK ((status = 'assigned') = (assignee_id IS NOT NULL))
      );
      CREATE INDEX ix_tickets_status ON tickets (status);
      CREATE INDEX ix_tickets_claimable ON tickets (severity, waiting_since) WHERE status = 'queued';
      CREATE INDEX ix_tickets_assignee ON tickets (assignee_id) WHERE assignee_id IS NOT NULL;
      CREATE INDEX ix_tickets_deferred ON tickets (deferred_until) WHERE status = 'deferred';
      CREATE INDEX ix_tickets_org_created ON tickets (organization_id, created_at, id);
      CREATE INDEX ix_tickets_problem ON tickets (organization_id, problem_ref) WHERE problem_ref IS NOT NULL;
      CREATE INDEX ix_tickets_email_hash ON tickets (requester_email_hash) WHERE requester_email_hash IS NOT NULL;
      CREATE INDEX ix_tickets_phone_hash ON tickets (requester_phone_hash) WHERE requester_phone_hash IS NOT NULL;

      CREATE TABLE webhook_deliveries (
        source text NOT NULL,
        delivery_id text NOT NULL,
        ticket_id uuid NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, delivery_id)
      );
      CREATE TABLE decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        policy_version text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('queued', 'deferred', 'stranded')),
        allowed_countries text[],
        deferred_until timestamptz,
        flags text[] NOT NULL DEFAULT '{}',
        trace jsonb NOT NULL
      );
      CREATE INDEX ix_decisions_ticket_at ON decisions (ticket_id, at);
      CREATE TABLE ticket_accesses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        agent_id text NOT NULL,
        country text,
        action text NOT NULL CHECK (action IN ('claim', 'read')),
        transfer boolean NOT NULL,
        consent_id uuid,
        at timestamptz NOT NULL
      );
      CREATE INDEX ix_ticket_accesses_ticket ON ticket_accesses (ticket_id);
      CREATE INDEX ix_ticket_accesses_at ON ticket_accesses (at);
      CREATE TABLE consent_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        requested_by_agent_id text NOT NULL,
        country text NOT NULL,
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'granted', 'expired')),
        consent_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX ix_consent_requests_status ON consent_requests (status);
      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid REFERENCES tickets(id) ON DELETE CASCADE,
        organization_id text,
        problem_ref text,
        countries text[] NOT NULL,
        approved_by_name text NOT NULL,
        approved_by_role text,
        evidence text NOT NULL,
        granted_by_token_id uuid,
        consent_request_id uuid,
        granted_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by_token_id uuid,
        expiry_processed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- exactly one scope: a ticket, or an organisation's problem
        CHECK ((ticket_id IS NOT NULL) <> (organization_id IS NOT NULL AND problem_ref IS NOT NULL)),
        CHECK (expires_at > granted_at)
      );
      CREATE INDEX ix_consents_ticket ON consents (ticket_id);
      CREATE INDEX ix_consents_problem ON consents (organization_id, problem_ref);
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        details jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX ix_audit_log_at ON audit_log (at);
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL,
        delay_ms integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox, audit_log, consents, consent_requests, ticket_accesses, decisions,
      webhook_deliveries, tickets, api_tokens, agents, organizations`);
  }
}
