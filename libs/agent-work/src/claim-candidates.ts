import { EntityManager } from 'typeorm';
import { AgentEntity } from '@eea/agents';
import { entitySelectList } from '@eea/database';
import { TicketEntity } from '@eea/tickets';

/**
 * The SQL of the queued tickets an agent may be offered, best first (severity, then waiting time). One
 * index-ordered probe per permitted-country set that contains the agent's country, plus the
 * unrestricted pool ('*'). `$1` country, `$2` skills, `$3` ids to exclude, `$4` limit; `poolGate`
 * is an extra condition on the pools (no pool, nothing read or locked).
 */
function candidatesSql(columns: string, lock: boolean, poolGate = 'true'): string {
  return `SELECT c.* FROM (
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

/**
 * Ids of the queued tickets an agent may be offered, best first. This is a pre-filter on stored
 * state: callers re-check every candidate live with the policy engine. With `lock`, each probe
 * locks its rows (SKIP LOCKED), so concurrent claimers never pick the same one.
 */
export async function findCandidates(
  m: EntityManager,
  agent: AgentEntity,
  options: { limit: number; lock: boolean; exclude?: string[] },
): Promise<string[]> {
  const rows: Array<{ id: string }> = await m.query(candidatesSql('t.id', options.lock), [
    agent.country,
    agent.skills,
    options.exclude ?? [],
    options.limit,
  ]);
  return rows.map((r) => r.id);
}

/**
 * The best queued ticket for a claim, locked (SKIP LOCKED) and read whole in the same statement,
 * or null when there is none or the agent already holds `capacity` tickets. The count runs in this
 * statement, after the caller locked the agent row, so its snapshot includes every claim that agent
 * committed before: a statement that both locked the agent and counted would count with a snapshot
 * taken before it waited for the lock, and let a concurrent claim exceed capacity.
 */
export async function lockNextCandidate(m: EntityManager, agent: AgentEntity, exclude: string[]): Promise<TicketEntity | null> {
  const capacityLeft = `(SELECT count(*) FROM tickets h WHERE h.assignee_id = $5 AND h.status = 'assigned') < $6`;
  const rows: Array<Record<string, unknown>> = await m.query(
    candidatesSql(entitySelectList(TicketEntity, 't'), true, capacityLeft),
    [agent.country, agent.skills, exclude, 1, agent.id, agent.capacity],
  );
  if (rows.length === 0) return null;
  const { _severity, _waiting_since, _id, ...ticket } = rows[0];
  return Object.assign(new TicketEntity(), ticket);
}
