import { Db, run, sql } from '@eea/database';

/**
 * assigned → queued for the tickets held by agents offline since `$1` or earlier (only agent `$2` when
 * given), each with its `taken_back` activity at `$3`. The old assignee comes from the pre-update row
 * (same table joined by id).
 */
const TAKE_BACK_FROM_OFFLINE = sql<{ id: string; agent_id: string }>(
  'tickets.take_back_from_offline',
  `
  WITH taken AS (
    UPDATE tickets t SET status = 'queued', assignee_id = NULL, assigned_at = NULL FROM tickets o
     WHERE o.id = t.id AND t.status = 'assigned'
       AND t.assignee_id IN (
         SELECT id FROM agents WHERE status = 'offline' AND status_changed_at <= $1 AND ($2::text IS NULL OR id = $2::text))
    RETURNING t.id, o.assignee_id AS agent_id
  ),
  recorded AS (
    INSERT INTO ticket_activity (ticket_id, at, kind, agent_id, details)
    SELECT id, $3, 'taken_back', agent_id, '{"reason":"offline"}'::jsonb FROM taken
  )
  SELECT id, agent_id FROM taken`,
);

/**
 * Agents offline since `offlineSince` or earlier (or just `agentId`, when given) lose what they hold: the
 * tickets go back to the queue, each with a `taken_back` activity at `at`. The caller asks for them to be
 * routed again. Returns the ids of the tickets taken back.
 */
export async function takeBackFromOffline(db: Db, filter: { offlineSince: Date; agentId?: string; at: Date }): Promise<string[]> {
  const rows = await run(db, TAKE_BACK_FROM_OFFLINE, [filter.offlineSince, filter.agentId ?? null, filter.at]);
  return rows.map((r) => r.id);
}
