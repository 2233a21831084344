import { Db, run, sql } from '@eea/database';

/** Region country, jurisdiction, tier and flags of a just-received ticket, as intake classified it. */
export interface NewTicketFacts {
  regionCountry: string | null;
  jurisdiction: string;
  tier: string;
  flags: string[];
}

/** A new ticket under a new delivery, as intake hands it over (requester data already pseudonymised). */
export interface NewTicketRow {
  /** Chosen by the caller, so that its routing job is known before anything is written. */
  ticketId: string;
  source: string;
  deliveryId: string;
  /** Digest of what was signed: the same message under another delivery id is a replay. */
  replayKey: string | null;
  externalId: string;
  externalKey: string | null;
  organizationId: string;
  region: string | null;
  severity: number;
  category: string | null;
  skills: string[];
  language: string | null;
  problemRef: string | null;
  flags: string[];
  sourceUpdatedAt: Date;
  sourceSentAt: Date | null;
  receivedAt: Date;
  requesterEmailHash: string | null;
  requesterPhoneHash: string | null;
  requesterExternalHash: string | null;
  /** The facts for each support tier the organisation may have; the statement picks its own. */
  factsByTier: Record<string, NewTicketFacts>;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Webhook intake's common case for many deliveries at once, in ONE statement and hence one commit:
 * for each row, intake's idempotency record in `webhook_deliveries` and the ticket at revision 1,
 * together or not at all. It writes intake's table from the ticket store because an acknowledged
 * delivery must be durable with its ticket in a single commit, and `libs/tickets` cannot import
 * `libs/intake` (intake imports the tickets lib); it is the only statement here that does.
 *
 * Per row, as before batching: a repeated delivery id or replayed message (replay_key) writes nothing
 * (the ticket insert reads the delivery insert's RETURNING rows, so no ticket without its delivery);
 * an existing (source, external_id) writes nothing either (checked before the delivery is written, so
 * no delivery without its ticket, and the other rows are not aborted). A ticket committed by another
 * transaction after this statement's snapshot still raises a unique violation, which rolls the whole
 * statement back, as it always did.
 */
const INSERT_NEW_TICKETS = sql<{ id: string }>(
  'tickets.insert_new_with_deliveries',
  `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
        $9::smallint[], $10::text[], $11::jsonb[], $12::text[], $13::text[], $14::jsonb[], $15::timestamptz[],
        $16::timestamptz[], $17::timestamptz[], $18::text[], $19::text[], $20::text[], $21::jsonb[])
      AS i(ticket_id, source, delivery_id, replay_key, external_id, external_key, organization_id, region, severity,
        category, skills, language, problem_ref, flags, source_updated_at, source_sent_at, received_at, email_hash,
        phone_hash, external_hash, facts_by_tier)
  ), delivery AS (
    INSERT INTO webhook_deliveries (source, delivery_id, ticket_id, status, replay_key)
    SELECT i.source, i.delivery_id, i.ticket_id, 'received', i.replay_key FROM input i
     WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.source = i.source AND t.external_id = i.external_id)
     ORDER BY i.source, i.delivery_id
    ON CONFLICT DO NOTHING RETURNING ticket_id
  )
  INSERT INTO tickets (id, source, external_id, organization_id, region, region_country, jurisdiction, tier, severity,
      category, skills, language, problem_ref, status, flags, source_updated_at, waiting_since, revision,
      requester_email_hash, requester_phone_hash, external_key, source_sent_at, requester_external_hash)
  SELECT i.ticket_id, i.source, i.external_id, i.organization_id, i.region, f.facts ->> 'regionCountry',
      f.facts ->> 'jurisdiction', f.facts ->> 'tier', i.severity, i.category,
      ARRAY(SELECT jsonb_array_elements_text(i.skills)), i.language, i.problem_ref, 'received',
      ARRAY(SELECT jsonb_array_elements_text(f.facts -> 'flags')) || ARRAY(SELECT jsonb_array_elements_text(i.flags)),
      i.source_updated_at, i.received_at, 1, i.email_hash, i.phone_hash, i.external_key, i.source_sent_at, i.external_hash
    FROM delivery d
    JOIN input i ON i.ticket_id = d.ticket_id
    LEFT JOIN organizations o ON o.id = i.organization_id
    CROSS JOIN LATERAL (SELECT COALESCE(i.facts_by_tier -> o.support_tier, i.facts_by_tier -> $22::text) AS facts) f
   ORDER BY i.source, i.external_id
  RETURNING id`,
  { prepare: true },
);

/**
 * Writes each row's delivery record and ticket (see the statement) and says, per row, whether they
 * were written. A row that was not (a duplicate or replayed delivery, an existing ticket, or a row
 * naming the same delivery, message or ticket as an earlier row of the batch) is for the caller's
 * careful path, which settles duplicates, updates and races.
 *
 * `unknownOrganization`: the `factsByTier` key of the facts for an organisation that does not exist.
 * Throws on a unique violation when several rows were sent, since which one met a concurrent creator
 * is unknown: the caller writes them again one by one; with a single row that row is not written.
 */
export async function insertNewTicketsWithDeliveries(
  db: Db,
  rows: NewTicketRow[],
  unknownOrganization: string,
): Promise<boolean[]> {
  const send = firstOfEach(rows);
  const chosen = rows.filter((_, k) => send[k]);
  if (chosen.length === 0) return rows.map(() => false);
  let written: Array<{ id: string }>;
  try {
    written = await run(db, INSERT_NEW_TICKETS, [...columns(chosen), unknownOrganization]);
  } catch (e) {
    if (chosen.length === 1 && (e as { code?: string }).code === UNIQUE_VIOLATION) return rows.map(() => false);
    throw e;
  }
  const ids = new Set(written.map((w) => w.id));
  return rows.map((r, k) => send[k] && ids.has(r.ticketId));
}

/** False for a row that names the same delivery, signed message or ticket as an earlier row. */
function firstOfEach(rows: NewTicketRow[]): boolean[] {
  const seen = new Set<string>();
  return rows.map((r) => {
    const keys = [`d\0${r.source}\0${r.deliveryId}`, `t\0${r.source}\0${r.externalId}`];
    if (r.replayKey !== null) keys.push(`r\0${r.source}\0${r.replayKey}`);
    if (keys.some((k) => seen.has(k))) return false;
    for (const k of keys) seen.add(k);
    return true;
  });
}

/** The statement's parameter arrays $1..$21, one element per row. */
function columns(rows: NewTicketRow[]): unknown[][] {
  const json = (v: unknown) => JSON.stringify(v);
  return [
    rows.map((r) => r.ticketId),
    rows.map((r) => r.source),
    rows.map((r) => r.deliveryId),
    rows.map((r) => r.replayKey),
    rows.map((r) => r.externalId),
    rows.map((r) => r.externalKey),
    rows.map((r) => r.organizationId),
    rows.map((r) => r.region),
    rows.map((r) => r.severity),
    rows.map((r) => r.category),
    rows.map((r) => json(r.skills)),
    rows.map((r) => r.language),
    rows.map((r) => r.problemRef),
    rows.map((r) => json(r.flags)),
    rows.map((r) => r.sourceUpdatedAt),
    rows.map((r) => r.sourceSentAt),
    rows.map((r) => r.receivedAt),
    rows.map((r) => r.requesterEmailHash),
    rows.map((r) => r.requesterPhoneHash),
    rows.map((r) => r.requesterExternalHash),
    rows.map((r) => json(r.factsByTier)),
  ];
}
