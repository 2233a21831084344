import type { Db } from '@eea/database';
import { GENESIS_HASH, findBrokenLink } from './audit-chain';
import { auditEntriesAfter } from './audit-log.repository';

export interface ChainWalk {
  checked: number;
  broken: { seq: number; reason: string } | null;
  /** The last stored entry, as stored. */
  head: { seq: number; hash: string } | null;
  hashes: Map<number, string>;
}

const PAGE = 5_000;

/**
 * Walks the whole chain in pages: the first broken link (and how many entries before it hold), the
 * head, and the stored hash at each of the `wanted` seqs (the checkpoints to compare with).
 */
export async function walkAuditChain(db: Db, wanted: ReadonlySet<number> = new Set()): Promise<ChainWalk> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  let broken: ChainWalk['broken'] = null;
  const hashes = new Map<number, string>();
  for (;;) {
    const page = await auditEntriesAfter(db, lastSeq, PAGE);
    if (page.length === 0) return { checked, broken, head: lastSeq ? { seq: lastSeq, hash: prevHash } : null, hashes };
    for (const e of page) if (wanted.has(e.seq)) hashes.set(e.seq, e.hash);
    if (!broken) {
      broken = findBrokenLink(page, prevHash, lastSeq);
      checked += broken ? page.findIndex((e) => e.seq === broken!.seq) : page.length;
    }
    prevHash = page[page.length - 1].hash;
    lastSeq = page[page.length - 1].seq;
  }
}
