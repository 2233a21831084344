import { Db, run, sql } from '@eea/database';
import type { ActivityEntry } from './ticket-activity';

const INSERT = sql(
  'ticket_activity.insert',
  `
  INSERT INTO ticket_activity (ticket_id, at, kind, agent_id, actor_token_id, details)
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::uuid[], $6::jsonb[])`,
);

/** Records entries in the caller's transaction, so they commit with the change they describe. */
export async function recordActivity(db: Db, entries: ActivityEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await run(db, INSERT, [
    entries.map((e) => e.ticketId),
    entries.map((e) => e.at),
    entries.map((e) => e.kind),
    entries.map((e) => e.agentId ?? null),
    entries.map((e) => e.actorTokenId ?? null),
    entries.map((e) => JSON.stringify(e.details ?? {})),
  ]);
}

export interface ActivityRow {
  at: Date;
  kind: ActivityEntry['kind'] | 'routed';
  agent_id: string | null;
  actor_token_id: string | null;
  details: Record<string, unknown>;
  rank: number;
}

/**
 * What happened to one ticket, oldest first: its activity and every routing decision (as `routed`), the
 * latest `limit` of them. Within one instant, acts come before the routing they caused (rank 0, 1), and a
 * take-back after it (rank 2).
 */
const HISTORY = sql<ActivityRow>(
  'ticket_activity.history',
  `
  SELECT * FROM (
    SELECT at, kind, agent_id, actor_token_id, details, CASE WHEN kind = 'taken_back' THEN 2 ELSE 0 END AS rank, id AS ord
      FROM ticket_activity WHERE ticket_id = $1
    UNION ALL
    SELECT at, 'routed', NULL, NULL, jsonb_build_object('decisionId', id, 'trigger', trigger, 'outcome', outcome,
             'allowedCountries', COALESCE(to_jsonb(allowed_countries), '"*"'), 'deferredUntil', deferred_until), 1, seq
      FROM decisions WHERE ticket_id = $1
    ORDER BY at DESC, rank DESC, ord DESC LIMIT $2
  ) recent ORDER BY at, rank, ord`,
);

export function ticketHistory(db: Db, ticketId: string, limit: number): Promise<ActivityRow[]> {
  return run(db, HISTORY, [ticketId, limit]);
}
