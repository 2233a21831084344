import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';

const LATEST_SEQ = sql<{ seq: string }>(
  'audit_checkpoints.latest_seq',
  `SELECT seq FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`,
);

/** The seq the newest checkpoint covers, or null when there is none. */
export async function latestCheckpointSeq(db: Db): Promise<number | null> {
  const row = await runOne(db, LATEST_SEQ);
  return row ? Number(row.seq) : null;
}

const INSERT = sql(
  'audit_checkpoints.insert',
  `INSERT INTO audit_checkpoints (seq, hash, at, kid, jws) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (seq) DO NOTHING`,
);

/** Two workers may sign the same head: the first row stands, the other is dropped. */
export async function insertCheckpoint(
  db: Db,
  c: { seq: number; hash: string; at: string; kid: string; jws: string },
): Promise<void> {
  await run(db, INSERT, [c.seq, c.hash, c.at, c.kid, c.jws]);
}

const NEWEST = sql<AuditCheckpointEntity>(
  'audit_checkpoints.newest',
  `SELECT ${entitySelectList(AuditCheckpointEntity, 'c')} FROM audit_checkpoints c ORDER BY c.seq DESC LIMIT $1`,
);

/** Newest first, at most `limit`. */
export async function newestCheckpoints(db: Db, limit: number): Promise<AuditCheckpointEntity[]> {
  return (await run(db, NEWEST, [limit])).map((r) => Object.assign(new AuditCheckpointEntity(), r, { seq: Number(r.seq) }));
}

const ALL_JWS = sql<{ jws: string }>('audit_checkpoints.all_jws', `SELECT jws FROM audit_checkpoints ORDER BY seq`);

/** Every stored checkpoint's JWS, oldest first (for `audit:verify`). */
export async function allCheckpointJws(db: Db): Promise<string[]> {
  return (await run(db, ALL_JWS)).map((r) => r.jws);
}
