import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { TicketEntity } from './ticket.entity';

/** A ticket as the careful intake path stores it (the new-ticket fast path has its own statement). */
export interface IntakeTicketRow {
  source: string;
  externalId: string;
  externalKey: string | null;
  organizationId: string;
  organizationIds: string[] | null;
  region: string | null;
  regionCountry: string | null;
  jurisdiction: string;
  tier: string;
  severity: number;
  category: string | null;
  skills: string[];
  language: string | null;
  problemRef: string | null;
  status: 'received' | 'resolved';
  flags: string[];
  sourceUpdatedAt: Date;
  sourceSentAt: Date | null;
  waitingSince: Date;
  resolvedAt: Date | null;
  requesterEmailHash: string | null;
  requesterPhoneHash: string | null;
  requesterExternalHash: string | null;
}

const ADOPT_LEGACY_JIRA = sql(
  'tickets.adopt_legacy_jira',
  `
  UPDATE tickets SET external_id = $1 WHERE source = 'jira' AND external_id = $2
     AND NOT EXISTS (SELECT 1 FROM tickets WHERE source = 'jira' AND external_id = $1)`,
);

/** Moves a Jira ticket stored under its issue key to its issue id, unless a ticket already has that id. */
export async function adoptLegacyJiraTicket(db: Db, issueId: string, issueKey: string): Promise<void> {
  await run(db, ADOPT_LEGACY_JIRA, [issueId, issueKey]);
}

const INSERT = sql<{ id: string; status: string }>(
  'tickets.intake_insert',
  `
  INSERT INTO tickets (source, external_id, external_key, organization_id, organization_ids, region, region_country, jurisdiction,
      tier, severity, category, skills, language, problem_ref, status, flags, source_updated_at, source_sent_at, waiting_since,
      resolved_at, requester_email_hash, requester_phone_hash, requester_external_hash)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
    ON CONFLICT (source, external_id) DO NOTHING RETURNING id, status`,
);

/** Creates the ticket unless (source, externalId) exists (a concurrent creator makes this wait, then yield): null then. */
export async function insertIntakeTicket(db: Db, t: IntakeTicketRow): Promise<{ id: string; status: string } | null> {
  const row = await runOne(db, INSERT, [
    t.source,
    t.externalId,
    t.externalKey,
    t.organizationId,
    t.organizationIds,
    t.region,
    t.regionCountry,
    t.jurisdiction,
    t.tier,
    t.severity,
    t.category,
    t.skills,
    t.language,
    t.problemRef,
    t.status,
    t.flags,
    t.sourceUpdatedAt,
    t.sourceSentAt,
    t.waitingSince,
    t.resolvedAt,
    t.requesterEmailHash,
    t.requesterPhoneHash,
    t.requesterExternalHash,
  ]);
  return row ?? null;
}

const LOCK_BY_SOURCE = sql<TicketEntity>(
  'tickets.lock_by_source',
  `SELECT ${entitySelectList(TicketEntity, 't')} FROM tickets t WHERE t.source = $1 AND t.external_id = $2 FOR UPDATE`,
);

/** The ticket a source knows by `externalId`, locked until the transaction ends; throws when there is none. */
export async function lockTicketBySource(db: Db, source: string, externalId: string): Promise<TicketEntity> {
  const row = await runOne(db, LOCK_BY_SOURCE, [source, externalId]);
  if (!row) throw new Error('ticket not found for its source and external id');
  return Object.assign(new TicketEntity(), row);
}

/** What a newer delivery may change on a stored ticket: [property, column, type]. */
const INTAKE_COLUMNS = [
  ['organizationId', 'organization_id', 'text'],
  ['organizationIds', 'organization_ids', 'text[]'],
  ['region', 'region', 'text'],
  ['severity', 'severity', 'smallint'],
  ['category', 'category', 'text'],
  ['skills', 'skills', 'text[]'],
  ['problemRef', 'problem_ref', 'text'],
  ['language', 'language', 'text'],
  ['externalKey', 'external_key', 'text'],
  ['flags', 'flags', 'text[]'],
  ['sourceUpdatedAt', 'source_updated_at', 'timestamptz'],
  ['sourceSentAt', 'source_sent_at', 'timestamptz'],
  ['requesterEmailHash', 'requester_email_hash', 'text'],
  ['requesterPhoneHash', 'requester_phone_hash', 'text'],
  ['requesterExternalHash', 'requester_external_hash', 'text'],
  ['status', 'status', 'text'],
  ['resolvedAt', 'resolved_at', 'timestamptz'],
  ['assigneeId', 'assignee_id', 'text'],
  ['assignedAt', 'assigned_at', 'timestamptz'],
  ['deferredUntil', 'deferred_until', 'timestamptz'],
  ['waitingSince', 'waiting_since', 'timestamptz'],
] as const satisfies ReadonlyArray<readonly [keyof TicketEntity, string, string]>;

export type IntakePatch = Partial<Pick<TicketEntity, (typeof INTAKE_COLUMNS)[number][0]>>;

// $2 names the properties the patch sets; a column not named keeps its value (never rewritten from a JS Date).
const APPLY_PATCH = sql(
  'tickets.intake_apply_change',
  `
  UPDATE tickets SET
    ${INTAKE_COLUMNS.map(([prop, column, type], i) => `${column} = CASE WHEN '${prop}' = ANY($2::text[]) THEN $${i + 3}::${type} ELSE ${column} END`).join(',\n    ')},
    updated_at = now()
   WHERE id = $1`,
);

/** Writes the fields a delivery changed (the caller holds the ticket's lock). */
export async function applyIntakeChange(db: Db, ticketId: string, patch: IntakePatch): Promise<void> {
  const set = INTAKE_COLUMNS.map(([prop]) => prop).filter((prop) => prop in patch);
  if (set.length === 0) return;
  await run(db, APPLY_PATCH, [ticketId, set, ...INTAKE_COLUMNS.map(([prop]) => patch[prop] ?? null)]);
}
