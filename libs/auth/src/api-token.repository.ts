import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { ApiTokenEntity, Role } from './api-token.entity';

const COLUMNS = entitySelectList(ApiTokenEntity, 't');

// An agent token names an agent that exists: the shared lock keeps it from vanishing before the token commits.
const INSERT = sql<ApiTokenEntity>(
  'api_tokens.insert',
  `
  INSERT INTO api_tokens AS t (role, agent_id, name, token_hash)
  SELECT $1, $2, $3, $4
   WHERE $1::text <> 'agent' OR EXISTS (SELECT 1 FROM agents WHERE id = $2::text FOR SHARE)
  RETURNING ${COLUMNS}`,
);

/** The stored token; null for an agent token whose `agentId` names no agent. */
export async function insertApiToken(
  db: Db,
  t: { role: Role; agentId: string | null; name: string; tokenHash: string },
): Promise<ApiTokenEntity | null> {
  const row = await runOne(db, INSERT, [t.role, t.agentId, t.name, t.tokenHash]);
  return row ? toEntity(row) : null;
}

const BY_HASH = sql<{ id: string; role: Role; agent_id: string | null }>(
  'api_tokens.by_hash',
  `SELECT id, role, agent_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
);

/** The live token with this hash (runs on every request: one index probe). */
export async function liveTokenByHash(db: Db, hash: string): Promise<{ id: string; role: Role; agentId: string | null } | null> {
  const row = await runOne(db, BY_HASH, [hash]);
  return row ? { id: row.id, role: row.role, agentId: row.agent_id } : null;
}

const NEWEST = sql<ApiTokenEntity>(
  'api_tokens.newest',
  `SELECT ${COLUMNS} FROM api_tokens t ORDER BY t.created_at DESC LIMIT $1`,
);

export async function newestApiTokens(db: Db, limit: number): Promise<ApiTokenEntity[]> {
  return (await run(db, NEWEST, [limit])).map(toEntity);
}

const LOCK = sql<ApiTokenEntity>('api_tokens.lock', `SELECT ${COLUMNS} FROM api_tokens t WHERE t.id = $1 FOR UPDATE`);

/** The token, locked until the transaction ends; null when unknown. */
export async function lockApiToken(db: Db, id: string): Promise<ApiTokenEntity | null> {
  const row = await runOne(db, LOCK, [id]);
  return row ? toEntity(row) : null;
}

const REVOKE = sql('api_tokens.revoke', `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1`);

export async function revokeApiToken(db: Db, id: string, at: Date): Promise<void> {
  await run(db, REVOKE, [id, at]);
}

const ANY_ADMIN = sql(
  'api_tokens.any_live_admin',
  `SELECT 1 FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1`,
);

/** Whether some admin token is live (else, without ADMIN_TOKEN, nobody can administer the service). */
export async function hasLiveAdminToken(db: Db): Promise<boolean> {
  return (await run(db, ANY_ADMIN)).length > 0;
}

function toEntity(row: ApiTokenEntity): ApiTokenEntity {
  return Object.assign(new ApiTokenEntity(), row);
}
