import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { preparedStatement, queryPrepared } from '@eea/database';
import { JOBS, JobPayloads, RelayJob } from '@eea/queue';
import { IntakeCommand, IntakeResult } from './intake-command';
import { ProvisionalFacts, UNKNOWN_ORGANIZATION } from './provisional-facts';

export type RequesterPseudonyms = [email: string | null, phone: string | null, externalUser: string | null];

export interface NewTicketInput {
  source: string;
  command: IntakeCommand;
  /** Digest of what was signed (a replay under a new delivery id conflicts on it). */
  replayKey: string | null;
  /** Provisional facts per organisation tier; the statement picks the organisation's own. */
  factsByTier: Record<string, ProvisionalFacts>;
  requester: RequesterPseudonyms;
  now: Date;
}

const UNIQUE_VIOLATION = '23505';

/**
 * The common delivery — a new ticket under a new delivery id — as ONE statement, hence one implicit
 * transaction: the delivery record and the ticket at revision 1 commit together or not at all. A
 * repeated delivery id, or the same signed message under a new one, makes the statement write nothing (the ticket insert reads the delivery's
 * RETURNING rows); an existing (source, externalId) raises a unique violation that rolls the whole
 * statement back. Either way the answer is null and the caller takes the careful path, which settles
 * duplicates, updates and races.
 *
 * The committed ticket is its own routing request: it stays `received` until the router has decided,
 * so its routing job (known before anything is written: revision 1) is sent after commit without an
 * outbox row, and the sweeper requests routing again for any ticket left `received` (Redis down at
 * that moment, or the process gone before sending).
 *
 * ON CONFLICT DO NOTHING on the ticket would not do: the delivery row would then commit without
 * its ticket, and a replay of that delivery would answer with a ticket that does not exist.
 */
export async function insertNewTicket(
  dataSource: DataSource,
  input: NewTicketInput,
): Promise<{ result: IntakeResult; job: RelayJob } | null> {
  const { source, command: c, now } = input;
  const ticketId = randomUUID();
  let rows: Array<{ id: string }>;
  try {
    rows = await queryPrepared(dataSource.manager, NEW_TICKET, [
      source,
      c.deliveryId,
      ticketId,
      c.externalId,
      c.organizationId,
      c.region,
      c.severity,
      c.category,
      c.skills,
      c.language,
      c.problemRef,
      c.updatedAt,
      now,
      ...input.requester.slice(0, 2),
      JSON.stringify(input.factsByTier),
      input.replayKey,
      c.externalKey ?? null,
      c.flags ?? [],
      c.sentAt ?? null,
      input.requester[2],
    ]);
  } catch (e) {
    if ((e as { code?: string }).code === UNIQUE_VIOLATION) return null;
    throw e;
  }
  if (rows.length === 0) return null;
  const payload: JobPayloads['route-ticket'] = { ticketId, revision: 1, reason: 'ticket_received' };
  const job: RelayJob = {
    queue: JOBS['route-ticket'].queue,
    jobName: 'route-ticket',
    jobId: JOBS['route-ticket'].jobId!(payload),
    payload,
    delayMs: 0,
  };
  return { result: { ticketId, status: 'received', duplicate: false }, job };
}

const NEW_TICKET = preparedStatement(
  'intake_new_ticket',
  `
  WITH delivery AS (
    INSERT INTO webhook_deliveries (source, delivery_id, ticket_id, status, replay_key) VALUES ($1, $2, $3, 'received', $17)
      ON CONFLICT DO NOTHING RETURNING ticket_id
  ), facts AS (
    SELECT COALESCE($16::jsonb -> (SELECT support_tier FROM organizations WHERE id = $5), $16::jsonb -> '${UNKNOWN_ORGANIZATION}') AS f
  )
  INSERT INTO tickets (id, source, external_id, organization_id, region, region_country, jurisdiction, tier, severity,
      category, skills, language, problem_ref, status, flags, source_updated_at, waiting_since, revision,
      requester_email_hash, requester_phone_hash, external_key, source_sent_at, requester_external_hash)
    SELECT d.ticket_id, $1::text, $4::text, $5::text, $6::text, f ->> 'regionCountry', f ->> 'jurisdiction', f ->> 'tier',
        $7::smallint, $8::text, $9::text[], $10::text, $11::text, 'received',
        ARRAY(SELECT jsonb_array_elements_text(f -> 'flags')) || $19::text[],
        $12::timestamptz, $13::timestamptz, 1, $14::text, $15::text, $18::text, $20::timestamptz, $21::text
      FROM delivery d, facts
    RETURNING id`,
);
