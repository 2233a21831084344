import { Db, run, sql } from '@eea/database';

const HELD_COUNTS = sql<{ assignee_id: string; n: number }>(
  'tickets.held_counts',
  `
  SELECT assignee_id, count(*)::int AS n FROM tickets
   WHERE status = 'assigned' AND assignee_id = ANY($1::text[]) GROUP BY assignee_id`,
);

/** Tickets each agent holds now (ix on assignee_id keeps this one index probe per agent); agents holding none are absent. */
export async function heldTicketCounts(db: Db, agentIds: string[]): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const rows = await run(db, HELD_COUNTS, [agentIds]);
  return new Map(rows.map((r) => [r.assignee_id, r.n]));
}
