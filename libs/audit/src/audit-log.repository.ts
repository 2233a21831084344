import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { AuditEntryEntity } from './audit-entry.entity';

/** Serialises appends so that each entry links to exactly the previous one. */
const AUDIT_LOCK = 7_344_202;

const COLUMNS = entitySelectList(AuditEntryEntity, 'a');

const LOCK = sql('audit_log.lock', `SELECT pg_advisory_xact_lock($1)`);

/** Takes the append lock until the transaction ends. */
export async function lockAuditChain(db: Db): Promise<void> {
  await run(db, LOCK, [AUDIT_LOCK]);
}

const HEAD = sql<{ seq: string; hash: string }>('audit_log.head', `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);

/** The last entry's seq and hash, or null for an empty log. */
export async function auditChainHead(db: Db): Promise<{ seq: number; hash: string } | null> {
  const row = await runOne(db, HEAD);
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

const INSERT = sql(
  'audit_log.insert',
  `
  INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, details, prev_hash, hash)
    VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
);

export async function insertAuditEntry(db: Db, e: AuditEntryEntity): Promise<void> {
  await run(db, INSERT, [
    e.seq,
    e.at,
    e.actor,
    e.action,
    e.subjectType,
    e.subjectId,
    JSON.stringify(e.details),
    e.prevHash,
    e.hash,
  ]);
}

const BETWEEN = sql<AuditEntryEntity>(
  'audit_log.between',
  `SELECT ${COLUMNS} FROM audit_log a WHERE a.at BETWEEN $1 AND $2 ORDER BY a.seq LIMIT $3`,
);

/** Entries with from <= at <= to in chain order, at most `limit`. */
export async function auditEntriesBetween(db: Db, from: Date, to: Date, limit: number): Promise<AuditEntryEntity[]> {
  return (await run(db, BETWEEN, [from, to, limit])).map(toEntity);
}

const AFTER = sql<AuditEntryEntity>(
  'audit_log.after',
  `SELECT ${COLUMNS} FROM audit_log a WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`,
);

/** The next page of the chain after `seq`. */
export async function auditEntriesAfter(db: Db, seq: number, limit: number): Promise<AuditEntryEntity[]> {
  return (await run(db, AFTER, [seq, limit])).map(toEntity);
}

function toEntity(row: AuditEntryEntity): AuditEntryEntity {
  return Object.assign(new AuditEntryEntity(), row, { seq: Number(row.seq) });
}
