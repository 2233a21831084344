import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { AgentEntity } from './agent.entity';
import { OrganizationEntity } from './organization.entity';

/**
 * Reads of agents and organisations for other libs' decisions (claims, routing, evaluation). The agents
 * lib's own repositories define the same functions and statements (same names, same text): when both
 * are present, this file goes.
 */

const toAgent = (row: Record<string, unknown>) => Object.assign(new AgentEntity(), row);

const AGENT = sql<Record<string, unknown>>(
  'agents.by_id',
  `SELECT ${entitySelectList(AgentEntity, 'a')} FROM agents a WHERE a.id = $1`,
);

export async function findAgent(db: Db, id: string): Promise<AgentEntity | null> {
  const row = await runOne(db, AGENT, [id]);
  return row ? toAgent(row) : null;
}

const LOCK_AGENT = sql<Record<string, unknown>>(
  'agents.lock',
  `SELECT ${entitySelectList(AgentEntity, 'a')} FROM agents a WHERE a.id = $1 FOR UPDATE`,
);

/** The agent, its row locked for the rest of the caller's transaction (serialises one agent's claims). */
export async function lockAgent(db: Db, id: string): Promise<AgentEntity | null> {
  const row = await runOne(db, LOCK_AGENT, [id]);
  return row ? toAgent(row) : null;
}

export type OrganizationFacts = Pick<OrganizationEntity, 'id' | 'supportTier' | 'sources'>;

const ORGANIZATIONS = sql<OrganizationFacts>(
  'organizations.facts_by_ids',
  `SELECT o.id, o.support_tier AS "supportTier", o.sources FROM organizations o WHERE o.id = ANY($1::text[])`,
);

/** The tier and sources of these organisations (unknown ids left out). */
export async function organizationFacts(db: Db, ids: string[]): Promise<OrganizationFacts[]> {
  if (ids.length === 0) return [];
  return run(db, ORGANIZATIONS, [ids]);
}
