import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { AgentEntity, AgentStatus } from './agent.entity';

const COLUMNS = entitySelectList(AgentEntity, 'a');

const AGENT = sql<AgentEntity>('agents.by_id', `SELECT ${entitySelectList(AgentEntity, 'a')} FROM agents a WHERE a.id = $1`);

export async function findAgent(db: Db, id: string): Promise<AgentEntity | null> {
  const row = await runOne(db, AGENT, [id]);
  return row ? toEntity(row) : null;
}

const LOCK_AGENT = sql<AgentEntity>(
  'agents.lock',
  `SELECT ${entitySelectList(AgentEntity, 'a')} FROM agents a WHERE a.id = $1 FOR UPDATE`,
);

/** The agent, its row locked for the rest of the caller's transaction. */
export async function lockAgent(db: Db, id: string): Promise<AgentEntity | null> {
  const row = await runOne(db, LOCK_AGENT, [id]);
  return row ? toEntity(row) : null;
}

const LIST = sql<AgentEntity>(
  'agents.list',
  `
  SELECT ${COLUMNS} FROM agents a
   WHERE ($1::text IS NULL OR a.status = $1) AND ($2::text IS NULL OR a.country = $2)
   ORDER BY a.id LIMIT $3`,
);

export async function listAgents(
  db: Db,
  filter: { status?: AgentStatus; country?: string },
  limit: number,
): Promise<AgentEntity[]> {
  return (await run(db, LIST, [filter.status || null, filter.country || null, limit])).map(toEntity);
}

const UPSERT = sql<AgentEntity>(
  'agents.upsert',
  `
  INSERT INTO agents AS a (id, name, country, skills, languages, capacity, status, status_changed_at)
    VALUES ($1, $2, $3, $4::text[], $5::text[], $6, $7, $8)
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, country = EXCLUDED.country, skills = EXCLUDED.skills,
      languages = EXCLUDED.languages, capacity = EXCLUDED.capacity,
      updated_at = CASE WHEN (a.name, a.country, a.skills, a.languages, a.capacity)
          IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.country, EXCLUDED.skills, EXCLUDED.languages, EXCLUDED.capacity)
        THEN now() ELSE a.updated_at END
  RETURNING ${COLUMNS}`,
);

/**
 * Creates the agent (with `status` and `statusChangedAt`) or replaces its profile; an existing agent
 * keeps its status. `updatedAt` moves only when the profile changed.
 */
export async function saveAgent(
  db: Db,
  agent: Pick<AgentEntity, 'id' | 'name' | 'country' | 'skills' | 'languages' | 'capacity' | 'status' | 'statusChangedAt'>,
): Promise<AgentEntity> {
  const row = await runOne(db, UPSERT, [
    agent.id,
    agent.name,
    agent.country,
    agent.skills,
    agent.languages,
    agent.capacity,
    agent.status,
    agent.statusChangedAt,
  ]);
  return toEntity(row!);
}

const SET_STATUS = sql<AgentEntity>(
  'agents.set_status',
  `UPDATE agents a SET status = $2, status_changed_at = $3, updated_at = now() WHERE a.id = $1 RETURNING ${COLUMNS}`,
);

export async function setAgentStatus(db: Db, id: string, status: AgentStatus, at: Date): Promise<AgentEntity | null> {
  const row = await runOne(db, SET_STATUS, [id, status, at]);
  return row ? toEntity(row) : null;
}

function toEntity(row: AgentEntity): AgentEntity {
  return Object.assign(new AgentEntity(), row);
}
