import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEntry {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** Stable JSON: keys sorted at every level, so the hash does not depend on jsonb's key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(e: Omit<ChainedEntry, 'hash'>): string {
  const body = canonical({
    seq: e.seq,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    details: e.details,
  });
  return createHash('sha256').update(e.prevHash).update(body).digest('hex');
}

/** Returns the first entry whose link is broken (changed, inserted or removed before it), or null. */
export function findBrokenLink(entries: Iterable<ChainedEntry>, startHash = GENESIS_HASH, startSeq = 0) {
  let prevHash = startHash;
  let expectedSeq = startSeq + 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { seq: e.seq, reason: `sequence gap: expected ${expectedSeq}` };
    if (e.prevHash !== prevHash) return { seq: e.seq, reason: 'prev_hash does not match the previous entry' };
    if (entryHash(e) !== e.hash) return { seq: e.seq, reason: 'entry content does not match its hash' };
    prevHash = e.hash;
    expectedSeq += 1;
  }
  return null;
}
