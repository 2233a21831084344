import type { Db } from '@eea/database';
import { ActorView, describeActors } from './actors';
import type { AuditEntryEntity } from './audit-entry.entity';
import { toCsv } from './csv';

/**
 * An audit entry as people read it: `actor` names the token (its name and role) or the system. The
 * chain hashes the stored actor id, which is `actor.id`.
 */
export function toAuditView(e: AuditEntryEntity, actor: ActorView) {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actor,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    details: e.details,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}
export type AuditView = ReturnType<typeof toAuditView>;

export async function toAuditViews(db: Db, entries: AuditEntryEntity[]): Promise<AuditView[]> {
  const actors = await describeActors(
    db,
    entries.map((e) => e.actor),
  );
  return entries.map((e) => toAuditView(e, actors.get(e.actor)!));
}

const CSV_COLUMNS = [
  'seq',
  'at',
  'actorId',
  'actorName',
  'actorRole',
  'action',
  'subjectType',
  'subjectId',
  'details',
  'prevHash',
  'hash',
] as const;

/** One row per entry; `details` as its JSON text. */
export function auditCsv(items: AuditView[]): string {
  return toCsv<Record<(typeof CSV_COLUMNS)[number], unknown>>(
    CSV_COLUMNS,
    items.map((e) => ({
      seq: e.seq,
      at: e.at,
      actorId: e.actor.id,
      actorName: e.actor.name,
      actorRole: e.actor.role,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      details: JSON.stringify(e.details),
      prevHash: e.prevHash,
      hash: e.hash,
    })),
  );
}
