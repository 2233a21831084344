import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { queryRows } from '@eea/database';
import { JOBS, JobPayloads, OutboxEntity } from '@eea/queue';
import { IntakeCommand, IntakeResult } from './intake-command';
import { ProvisionalFacts, UNKNOWN_ORGANIZATION } from './provisional-facts';

export interface NewTicketInput {
  source: string;
  command: IntakeCommand;
  /** Provisional facts per organisation tier; the statement picks the organisation's own. */
  factsByTier: Record<string, ProvisionalFacts>;
  requester: [email: string | null, phone: string | null];
  now: Date;
}

const UNIQUE_VIOLATION = '23505';

/**
 * The common delivery — a new ticket under a new delivery id — as ONE statement, hence one implicit
 * transaction: the delivery record, the ticket at revision 1 and its routing job in the outbox
 * commit together or not at all. A repeated delivery id makes the statement write nothing (the
 * later inserts read the delivery's RETURNING rows); an existing (source, externalId) raises a
 * unique violation that rolls the whole statement back. Either way the answer is null and the
 * caller takes the careful path, which settles duplicates, updates and races.
 *
 * ON CONFLICT DO NOTHING on the ticket would not do: the delivery row would then commit without
 * its ticket, and a replay of that delivery would answer with a ticket that does not exist.
 */
export async function insertNewTicket(dataSource: DataSource, input: NewTicketInput): Promise<{ result: IntakeResult; job: OutboxEntity } | null> {
  const { source, command: c, now } = input;
  const ticketId = randomUUID();
  // A new ticket is at revision 1, so its routing job is known before anything is written.
  const payload: JobPayloads['route-ticket'] = { ticketId, revision: 1, reason: 'ticket_received' };
  const jobId = JOBS['route-ticket'].jobId!(payload);
  const queue = JOBS['route-ticket'].queue;
  let rows: Array<{ id: string; created_at: Date }>;
  try {
    rows = await queryRows(dataSource.manager, NEW_TICKET_SQL, [
      source, c.deliveryId, ticketId, c.externalId, c.organizationId, c.region, c.severity, c.category, c.skills, c.language,
      c.problemRef, c.updatedAt, now, ...input.requester, JSON.stringify(input.factsByTier), queue, jobId, JSON.stringify(payload),
    ]);
  } catch (e) {
    if ((e as { code?: string }).code === UNIQUE_VIOLATION) return null;
    throw e;
  }
  if (rows.length === 0) return null;
  const job = Object.assign(new OutboxEntity(), {
    id: String(rows[0].id), queue, jobName: 'route-ticket', jobId, payload, delayMs: 0, createdAt: rows[0].created_at,
  });
  return { result: { ticketId, status: 'received', duplicate: false }, job };
}

const NEW_TICKET_SQL = `
  WITH delivery AS (
    INSERT INTO webhook_deliveries (source, delivery_id, ticket_id, status) VALUES ($1, $2, $3, 'received')
      ON CONFLICT (source, delivery_id) DO NOTHING RETURNING ticket_id
  ), facts AS (
    SELECT COALESCE($16::jsonb -> (SELECT support_tier FROM organizations WHERE id = $5), $16::jsonb -> '${UNKNOWN_ORGANIZATION}') AS f
  ), ticket AS (
    INSERT INTO tickets (id, source, external_id, organization_id, region, region_country, jurisdiction, tier, severity,
        category, skills, language, problem_ref, status, flags, source_updated_at, waiting_since, revision,
        requester_email_hash, requester_phone_hash)
      SELECT d.ticket_id, $1::text, $4::text, $5::text, $6::text, f ->> 'regionCountry', f ->> 'jurisdiction', f ->> 'tier',
          $7::smallint, $8::text, $9::text[], $10::text, $11::text, 'received', ARRAY(SELECT jsonb_array_elements_text(f -> 'flags')),
          $12::timestamptz, $13::timestamptz, 1, $14::text, $15::text
        FROM delivery d, facts
      RETURNING id
  )
  INSERT INTO outbox (queue, job_name, job_id, payload, delay_ms)
    SELECT $17::text, 'route-ticket', $18::text, $19::jsonb, 0 FROM ticket
    RETURNING id, created_at`;
