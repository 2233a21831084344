import { EntityManager } from 'typeorm';
import { PreparedStatement, preparedStatement, queryPrepared } from '@eea/database';
import { DecisionEntity, TicketEntity } from '@eea/tickets';
import { entityColumns } from './claim-candidates';

export type RoutingDecision = Pick<DecisionEntity, 'at' | 'policyVersion' | 'outcome' | 'allowedCountries' | 'deferredUntil' | 'flags' | 'trace'>;

/**
 * The ticket, locked for this transaction, in one statement. When it is still `received` (its first
 * routing) the same statement lets this transaction commit without waiting for the WAL flush: a
 * first routing lost in a database crash leaves the ticket `received`, and the sweeper routes it
 * again (claims and reads re-check live anyway). Every later change (it may take a ticket from its
 * holder) stays synchronous. The status tested is the locked, latest version of the row.
 */
export async function lockTicketForRouting(m: EntityManager, ticketId: string): Promise<TicketEntity | null> {
  lockStatement ??= preparedStatement('routing_lock_ticket', `
    SELECT ${entityColumns(m, TicketEntity, 't')},
        set_config('synchronous_commit', CASE WHEN t.status = 'received' THEN 'off' ELSE current_setting('synchronous_commit') END, true) AS commit_mode
      FROM tickets t WHERE t.id = $1 FOR UPDATE`);
  const [row] = await queryPrepared<Record<string, unknown>>(m, lockStatement, [ticketId]);
  if (!row) return null;
  delete row.commit_mode;
  return Object.assign(new TicketEntity(), row);
}

/** Built on first use, from the entity's column mapping. */
let lockStatement: PreparedStatement | undefined;

/**
 * The columns routing decides, plus the two a caller may change just before routing (an escalation
 * sets the country and restarts the wait). `allowed_countries` is always written so that
 * trg_tickets_allowed_key keeps the claim-pool key in step.
 */
const ROUTED_COLUMNS = [
  ['status', 'text'], ['assignee_id', 'text'], ['assigned_at', 'timestamptz'], ['allowed_countries', 'text[]'],
  ['deferred_until', 'timestamptz'], ['flags', 'text[]'], ['policy_version', 'text'], ['region_country', 'text'],
  ['jurisdiction', 'text'], ['tier', 'text'], ['escalation_country', 'text'], ['waiting_since', 'timestamptz'],
] as const;

const param = (i: number) => `$${i + 2}::${ROUTED_COLUMNS[i][1]}`;
const DECISION_AT = ROUTED_COLUMNS.length + 2;

/**
 * Writes the routed ticket and its decision in one round trip. `updated_at` moves only when a column
 * actually changes (as an ORM save would): re-evaluating an unchanged ticket leaves it as it was.
 */
const SAVE_ROUTING = preparedStatement('routing_save', `
  WITH updated AS (
    UPDATE tickets SET ${ROUTED_COLUMNS.map(([c], i) => `${c} = ${param(i)}`).join(', ')},
      updated_at = CASE WHEN (${ROUTED_COLUMNS.map(([c]) => c).join(', ')})
                     IS DISTINCT FROM (${ROUTED_COLUMNS.map((_, i) => param(i)).join(', ')})
                   THEN now() ELSE updated_at END
     WHERE id = $1 RETURNING updated_at
  ),
  decided AS (
    INSERT INTO decisions (ticket_id, at, policy_version, outcome, allowed_countries, deferred_until, flags, trace)
    VALUES ($1, ${[0, 1, 2, 3, 4, 5].map((k) => `$${DECISION_AT + k}`).join(', ')}, $${DECISION_AT + 6}::jsonb)
  )
  SELECT updated_at FROM updated`);

/** Persists the routing state the caller set on `t` (kept as it is in memory) and records `decision`. */
export async function saveRouting(m: EntityManager, t: TicketEntity, decision: RoutingDecision): Promise<void> {
  const rows = await queryPrepared<{ updated_at: Date }>(m, SAVE_ROUTING, [
    t.id, t.status, t.assigneeId, t.assignedAt, t.allowedCountries, t.deferredUntil, t.flags, t.policyVersion,
    t.regionCountry, t.jurisdiction, t.tier, t.escalationCountry, t.waitingSince,
    decision.at, decision.policyVersion, decision.outcome, decision.allowedCountries, decision.deferredUntil, decision.flags,
    JSON.stringify(decision.trace),
  ]);
  // The caller holds the row lock, so the row is there; a miss is a bug, not a race.
  if (rows.length !== 1) throw new Error(`routing: ticket ${t.id} not found when saving its routing`);
  t.updatedAt = rows[0].updated_at;
}
