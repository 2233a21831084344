import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { RelayJob, outboxInsert } from '@eea/queue';
import { TicketEntity } from './ticket.entity';
import type { AccessEntry } from './ticket-access.repository';
import { TierAndConsents, TierAndConsentsRow, parseTierAndConsents, tierAndConsentsSql } from './tier-and-consents.repository';

/** What the claim pre-filter needs to know about an agent. */
export interface Claimant {
  id: string;
  country: string | null;
  skills: string[];
  capacity: number;
}

/**
 * The queued tickets an agent may be offered, best first (severity, then waiting time). One
 * index-ordered probe per permitted-country set that contains the agent's country, plus the
 * unrestricted pool ('*'). `$1` country, `$2` skills, `$3` ids to exclude, `$4` limit; `poolGate`
 * is an extra condition on the pools (no pool, nothing read or locked).
 */
function candidatesSql(columns: string, lock: boolean, poolGate = 'true'): string {
  return `
    SELECT c.* FROM (
        SELECT key FROM country_sets WHERE $1::text IS NOT NULL AND countries @> ARRAY[$1::text]
        UNION ALL SELECT '*'
      ) pools
      CROSS JOIN LATERAL (
        SELECT ${columns}, t.severity AS _severity, t.waiting_since AS _waiting_since, t.id AS _id FROM tickets t
         WHERE t.status = 'queued' AND t.allowed_key = pools.key
           AND t.skills <@ $2::text[] AND NOT (t.id = ANY($3::uuid[]))
         ORDER BY t.severity, t.waiting_since, t.id
         LIMIT $4 ${lock ? 'FOR UPDATE SKIP LOCKED' : ''}
      ) c
      WHERE ${poolGate}
      ORDER BY c._severity, c._waiting_since, c._id
      LIMIT $4`;
}

const CANDIDATES = sql<{ id: string }>('tickets.claim_candidates', candidatesSql('t.id', false));
const CANDIDATES_LOCKED = sql<{ id: string }>('tickets.claim_candidates_locked', candidatesSql('t.id', true));

/**
 * Ids of the queued tickets an agent may be offered, best first. This is a pre-filter on stored
 * state: callers re-check every candidate live with the policy engine. With `lock`, each probe
 * locks its rows (SKIP LOCKED), so concurrent claimers never pick the same one.
 */
export async function claimCandidateIds(
  db: Db,
  agent: Pick<Claimant, 'country' | 'skills'>,
  options: { limit: number; lock: boolean; exclude?: string[] },
): Promise<string[]> {
  const rows = await run(db, options.lock ? CANDIDATES_LOCKED : CANDIDATES, [
    agent.country,
    agent.skills,
    options.exclude ?? [],
    options.limit,
  ]);
  return rows.map((r) => r.id);
}

/**
 * Select-list SQL of the live re-check's facts (tier, covering consents, source check: `tierAndConsentsSql`)
 * for a locked ticket row read whole as `alias` (with its `xmin` as `_version`), and `facts_fresh`: see PICK.
 */
function factsOfLocked(alias: string, now: string): string {
  const a = (column: string) => `${alias}.${column}`;
  return `${tierAndConsentsSql({ id: a('id'), org: a('"organizationId"'), orgs: a('"organizationIds"'), problem: a('"problemRef"'), now, source: a('source') })},
      ${a('_version')} IS NOT DISTINCT FROM (SELECT u.xmin::text FROM tickets u WHERE u.id = ${a('id')}) AS facts_fresh`;
}

type LockedRow = Record<string, unknown> & TierAndConsentsRow & { _version: string; facts_fresh: boolean };

/**
 * The best queued ticket for a claim, locked (SKIP LOCKED), with everything its live re-check reads
 * (tier, covering consents, source check) in the same round trip. `$5`/`$6` agent and capacity: the
 * count runs in this statement, after the caller locked the agent row (its own statement), so its
 * snapshot includes every claim that agent committed before. A statement that both waited for the
 * agent lock and counted would count with a snapshot taken before the wait, and let a concurrent
 * claim of the same agent exceed capacity. A ticket has an assignee exactly while it is `assigned`
 * (ck_tickets_assignee), so the count reads the assignee index alone (with the status too, the planner
 * may walk every assigned ticket by the status index).
 *
 * `facts_fresh`: under READ COMMITTED, a candidate row updated by a transaction that committed after
 * this statement's snapshot is re-checked and returned as its NEW version (EvalPlanQual), while the
 * consents and tier subqueries still read the OLD snapshot. Every change that can narrow who may work a
 * ticket (a revocation, a tier or policy change) rewrites the covered ticket rows in its transaction, so
 * the locked version (`_version`) differing from the version this snapshot sees means the facts may
 * predate such a change: they are then not used (the caller reads them again in a new statement).
 * The facts are computed outside the candidates' subquery, for the one row picked.
 */
const PICK = sql<LockedRow>(
  'tickets.claim_pick',
  `
  SELECT p.*, ${factsOfLocked('p', '$7')}
    FROM (${candidatesSql(
      `${entitySelectList(TicketEntity, 't')}, t.xmin::text AS _version`,
      true,
      `(SELECT count(*) FROM tickets h WHERE h.assignee_id = $5) < $6`,
    )}) p`,
  // Prepared as the tier-and-consents read it absorbs was: planning it cost a quarter of its time.
  { prepare: true },
);

/** A claim candidate, locked by the caller's transaction, and the facts of its live re-check. */
export interface ClaimPick {
  ticket: TicketEntity;
  /** Tier and consents as of the locked row; null when they may be older (read them again: see PICK). */
  facts: TierAndConsents | null;
}

/**
 * The best queued ticket for a claim (the caller holds the agent's row lock), locked and read whole with
 * its tier and consents at `now`, in one statement; null when there is none or the agent already holds
 * `capacity` tickets.
 */
export async function pickClaimCandidate(db: Db, agent: Claimant, exclude: string[], now: Date): Promise<ClaimPick | null> {
  const row = await runOne(db, PICK, [agent.country, agent.skills, exclude, 1, agent.id, agent.capacity, now]);
  return row ? toClaimPick(row) : null;
}

const LOCK_NAMED = sql<LockedRow>(
  'tickets.lock_for_named_claim',
  `
  SELECT l.*, ${factsOfLocked('l', '$2')}
    FROM (SELECT ${entitySelectList(TicketEntity, 't')}, t.xmin::text AS _version FROM tickets t WHERE t.id = $1 FOR UPDATE) l`,
);

/**
 * One named ticket, locked (waiting for any holder of its lock), with the facts of its live re-check at
 * `now` in the same statement; null when there is no such ticket. A wait for the lock is exactly when the
 * row can be newer than the statement's snapshot: then `facts` is null (see PICK).
 */
export async function lockTicketForClaim(db: Db, ticketId: string, now: Date): Promise<ClaimPick | null> {
  const row = await runOne(db, LOCK_NAMED, [ticketId, now]);
  return row ? toClaimPick(row) : null;
}

function toClaimPick(row: LockedRow): ClaimPick {
  const { _severity, _waiting_since, _id, _version, facts_fresh, tier, consents, source_verified, ...ticket } = row;
  return {
    ticket: Object.assign(new TicketEntity(), ticket),
    facts: facts_fresh ? parseTierAndConsents({ tier, consents, source_verified }) : null,
  };
}

const HELD_BY = sql<Record<string, unknown>>(
  'tickets.held_by',
  `
  SELECT ${entitySelectList(TicketEntity, 't')} FROM tickets t
   WHERE t.assignee_id = $1 AND t.status = 'assigned' ORDER BY t.severity, t.assigned_at`,
);

/** The tickets the agent holds, most urgent first, then the longest held. */
export async function heldTickets(db: Db, agentId: string): Promise<TicketEntity[]> {
  return (await run(db, HELD_BY, [agentId])).map((r) => Object.assign(new TicketEntity(), r));
}

/**
 * queued → assigned, the claim in the ticket's activity, the access to a restricted ticket (`$5` action
 * not null) and the `ticket.assigned` event's outbox row (`$9`… not null), in one statement. With `$8`
 * (capacity) the assignment lands only while the agent holds fewer tickets: this statement's snapshot
 * is taken after the caller locked the agent row, so it counts every claim of that agent committed before.
 */
const CLAIM_ASSIGN = sql<{ room: boolean; updated_at: Date | null; event_id: string | null }>(
  'tickets.claim_assign',
  `
  WITH room AS (
    SELECT $8::int IS NULL OR (SELECT count(*) FROM tickets h WHERE h.assignee_id = $2) < $8::int AS ok
  ),
  assigned AS (
    UPDATE tickets SET status = 'assigned', assignee_id = $2, assigned_at = $3, updated_at = now()
     WHERE id = $1 AND status = 'queued' AND (SELECT ok FROM room) RETURNING updated_at
  ),
  claimed AS (INSERT INTO ticket_activity (ticket_id, at, kind, agent_id) SELECT $1, $3, 'claimed', $2 FROM assigned),
  logged AS (
    INSERT INTO ticket_accesses (ticket_id, agent_id, country, action, transfer, consent_id, at)
      SELECT $1, $2, $4::text, $5::text, $6::boolean, $7::uuid, $3 FROM assigned WHERE $5::text IS NOT NULL
  ),
  ${outboxInsert('event', 9, 'assigned')}
  SELECT (SELECT ok FROM room) AS room, (SELECT updated_at FROM assigned) AS updated_at, (SELECT id FROM event)::text AS event_id`,
);

export interface ClaimAssignment {
  /** The access to record (a restricted ticket), or null. */
  access: AccessEntry | null;
  /** Assign only while the agent holds fewer tickets than this; null when the caller has checked. */
  capacity: number | null;
  /** The event's outbox row (`outboxRow`), or null when events are off. */
  event: RelayJob | null;
}

/**
 * queued → assigned for a ticket the caller has locked (and the agent row too), with its activity,
 * access and event in one round trip. Sets the new state on `t`. False when the agent has no room
 * (nothing written); otherwise the event as written, with its outbox id (for `Tx.track`).
 */
export async function assignClaimed(
  db: Db,
  t: TicketEntity,
  agentId: string,
  at: Date,
  o: ClaimAssignment,
): Promise<{ event: RelayJob | null } | false> {
  const { access, event } = o;
  const row = (await runOne(db, CLAIM_ASSIGN, [
    t.id,
    agentId,
    at,
    access?.country ?? null,
    access?.action ?? null,
    access?.transfer ?? null,
    access?.consentId ?? null,
    o.capacity,
    event?.queue ?? null,
    event?.jobName ?? null,
    event?.jobId ?? null,
    event ? JSON.stringify(event.payload) : null,
    event?.delayMs ?? 0,
  ]))!;
  if (!row.room) return false;
  // The row is locked by this transaction and was queued when picked; anything else is a bug, not a race.
  if (!row.updated_at) throw new Error(`claim: ticket ${t.id} was not queued when assigned`);
  Object.assign(t, { status: 'assigned', assigneeId: agentId, assignedAt: at, updatedAt: row.updated_at });
  return { event: event && row.event_id !== null ? { ...event, id: row.event_id } : null };
}

/** Resolves, and records it in the ticket's activity, in one statement. */
const RESOLVE = sql<{ updated_at: Date }>(
  'tickets.resolve',
  `
  WITH resolved AS (
    UPDATE tickets SET status = 'resolved', resolved_at = $3, assignee_id = NULL, assigned_at = NULL, deferred_until = NULL,
        updated_at = now()
     WHERE id = $1 RETURNING updated_at
  ),
  recorded AS (INSERT INTO ticket_activity (ticket_id, at, kind, agent_id) SELECT $1, $3, 'resolved', $2 FROM resolved)
  SELECT updated_at FROM resolved`,
);

/**
 * assigned → resolved for the ticket `agentId` holds (the caller has locked it). Only an assigned ticket
 * has an assignee (ck_tickets_assignee): resolving lets go of it. Sets the new state on `t`.
 */
export async function resolveTicket(db: Db, t: TicketEntity, agentId: string, at: Date): Promise<void> {
  const rows = await run(db, RESOLVE, [t.id, agentId, at]);
  if (rows.length !== 1) throw new Error(`resolve: ticket ${t.id} not found`);
  Object.assign(t, {
    status: 'resolved',
    resolvedAt: at,
    assigneeId: null,
    assignedAt: null,
    deferredUntil: null,
    updatedAt: rows[0].updated_at,
  });
}
