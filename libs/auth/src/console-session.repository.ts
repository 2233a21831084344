import { Db, run, runOne, sql } from '@eea/database';

export interface SessionRow {
  id: string;
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
}

// Every statement on console_sessions. Times come from PostgreSQL so that all API processes agree.

type Stored = { id: string; token_hash: string; csrf_token: string; expires_at: Date };

const INSERT = sql<Stored>(
  'console_sessions.insert',
  `
  INSERT INTO console_sessions (secret_hash, token_hash, csrf_token, expires_at)
    VALUES ($1, $2, $3, now() + make_interval(hours => $4))
  RETURNING id, token_hash, csrf_token, expires_at`,
);

export async function insertSession(
  db: Db,
  row: { secretHash: string; tokenHash: string; csrfToken: string; maxHours: number },
): Promise<SessionRow> {
  return toRow((await runOne(db, INSERT, [row.secretHash, row.tokenHash, row.csrfToken, row.maxHours]))!);
}

const TOUCH = sql<Stored>(
  'console_sessions.touch',
  `
  UPDATE console_sessions SET last_seen_at = now()
   WHERE secret_hash = $1 AND revoked_at IS NULL AND expires_at > now()
     AND last_seen_at > now() - make_interval(mins => $2)
  RETURNING id, token_hash, csrf_token, expires_at`,
);

/** The live session with this secret, its idle clock restarted; null when unknown, revoked, idle or too old. */
export async function touchSession(db: Db, secretHash: string, idleMinutes: number): Promise<SessionRow | null> {
  const row = await runOne(db, TOUCH, [secretHash, idleMinutes]);
  return row ? toRow(row) : null;
}

const REVOKE = sql<{ id: string }>(
  'console_sessions.revoke',
  `UPDATE console_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
);

/** How many sessions ended (0 or 1). */
export async function revokeSession(db: Db, id: string): Promise<number> {
  return (await run(db, REVOKE, [id])).length;
}

const REVOKE_SAME_TOKEN = sql<{ id: string }>(
  'console_sessions.revoke_same_token',
  `
  UPDATE console_sessions SET revoked_at = now()
   WHERE token_hash = (SELECT token_hash FROM console_sessions WHERE id = $1) AND revoked_at IS NULL
  RETURNING id`,
);

/** Ends every session opened with the same token as this one ("sign out everywhere"); how many ended. */
export async function revokeSessionsOfSameToken(db: Db, id: string): Promise<number> {
  return (await run(db, REVOKE_SAME_TOKEN, [id])).length;
}

function toRow(r: Stored): SessionRow {
  return { id: r.id, tokenHash: r.token_hash, csrfToken: r.csrf_token, expiresAt: new Date(r.expires_at) };
}
