import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { TicketEntity } from './ticket.entity';
import type { AccessEntry } from './ticket-access.repository';

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
 * The count runs in this statement, after the caller locked the agent row, so its snapshot includes
 * every claim that agent committed before: a statement that both locked the agent and counted would
 * count with a snapshot taken before it waited for the lock, and let a concurrent claim exceed capacity.
 */
const NEXT_CANDIDATE = sql<Record<string, unknown>>(
  'tickets.lock_next_claim_candidate',
  candidatesSql(
    entitySelectList(TicketEntity, 't'),
    true,
    `(SELECT count(*) FROM tickets h WHERE h.assignee_id = $5 AND h.status = 'assigned') < $6`,
  ),
);

/**
 * The best queued ticket for a claim, locked (SKIP LOCKED) and read whole in the same statement,
 * or null when there is none or the agent already holds `capacity` tickets.
 */
export async function lockNextClaimCandidate(db: Db, agent: Claimant, exclude: string[]): Promise<TicketEntity | null> {
  const row = await runOne(db, NEXT_CANDIDATE, [agent.country, agent.skills, exclude, 1, agent.id, agent.capacity]);
  if (!row) return null;
  const { _severity, _waiting_since, _id, ...ticket } = row;
  return Object.assign(new TicketEntity(), ticket);
}

const HELD_COUNT = sql<{ n: number }>(
  'tickets.held_count',
  `SELECT count(*)::int AS n FROM tickets WHERE assignee_id = $1 AND status = 'assigned'`,
);

/** How many tickets the agent holds. */
export async function heldCount(db: Db, agentId: string): Promise<number> {
  return (await runOne(db, HELD_COUNT, [agentId]))!.n;
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

/** Assigns, and records the claim in the ticket's activity, in one statement. */
const ASSIGN = sql<{ updated_at: Date }>(
  'tickets.assign',
  `
  WITH assigned AS (
    UPDATE tickets SET status = 'assigned', assignee_id = $2, assigned_at = $3, updated_at = now()
     WHERE id = $1 AND status = 'queued' RETURNING updated_at
  ),
  claimed AS (INSERT INTO ticket_activity (ticket_id, at, kind, agent_id) SELECT $1, $3, 'claimed', $2 FROM assigned)
  SELECT updated_at FROM assigned`,
);

/** The same, and records the access to a restricted ticket. */
const ASSIGN_AND_LOG = sql<{ updated_at: Date }>(
  'tickets.assign_and_log_access',
  `
  WITH assigned AS (
    UPDATE tickets SET status = 'assigned', assignee_id = $2, assigned_at = $3, updated_at = now()
     WHERE id = $1 AND status = 'queued' RETURNING updated_at
  ),
  claimed AS (INSERT INTO ticket_activity (ticket_id, at, kind, agent_id) SELECT $1, $3, 'claimed', $2 FROM assigned),
  logged AS (
    INSERT INTO ticket_accesses (ticket_id, agent_id, country, action, transfer, consent_id, at)
      SELECT $1, $2, $4::text, $5::text, $6::boolean, $7::uuid, $3 FROM assigned
  )
  SELECT updated_at FROM assigned`,
);

/**
 * queued → assigned for a ticket the caller has locked, with the claim in its activity and, for a
 * restricted ticket, the access (`access`) in one statement. Sets the new state on `t`.
 */
export async function assignTicket(
  db: Db,
  t: TicketEntity,
  agentId: string,
  at: Date,
  access: AccessEntry | null,
): Promise<void> {
  const rows = access
    ? await run(db, ASSIGN_AND_LOG, [t.id, agentId, at, access.country, access.action, access.transfer, access.consentId])
    : await run(db, ASSIGN, [t.id, agentId, at]);
  // The row is locked by this transaction and was queued when picked; anything else is a bug, not a race.
  if (rows.length !== 1) throw new Error(`claim: ticket ${t.id} was not queued when assigned`);
  Object.assign(t, { status: 'assigned', assigneeId: agentId, assignedAt: at, updatedAt: rows[0].updated_at });
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
