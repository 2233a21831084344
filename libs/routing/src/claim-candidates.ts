import { EntityManager } from 'typeorm';
import { AgentEntity } from '@eea/agents';

/**
 * Queued tickets an agent may be offered, best first (severity, then waiting time). One index-ordered
 * probe per permitted-country set that contains the agent's country, plus the unrestricted pool ('*').
 * This is a pre-filter on stored state: callers re-check every candidate live with the policy engine.
 * With `lock`, each probe locks its rows (SKIP LOCKED), so concurrent claimers never pick the same one.
 */
export async function findCandidates(
  m: EntityManager, agent: AgentEntity, options: { limit: number; lock: boolean; exclude?: string[] },
): Promise<string[]> {
  const rows: Array<{ id: string }> = await m.query(
    `SELECT c.id FROM (
        SELECT key FROM country_sets WHERE $1::text IS NOT NULL AND countries @> ARRAY[$1::text]
        UNION ALL SELECT '*'
      ) pools
      CROSS JOIN LATERAL (
        SELECT t.id, t.severity, t.waiting_since FROM tickets t
         WHERE t.status = 'queued' AND t.allowed_key = pools.key
           AND t.skills <@ $2::text[] AND NOT (t.id = ANY($3::uuid[]))
         ORDER BY t.severity, t.waiting_since, t.id
         LIMIT $4 ${options.lock ? 'FOR UPDATE SKIP LOCKED' : ''}
      ) c
      ORDER BY c.severity, c.waiting_since, c.id
      LIMIT $4`,
    [agent.country, agent.skills, options.exclude ?? [], options.limit],
  );
  return rows.map((r) => r.id);
}
