import type { JSONWebKeySet } from 'jose';
import { verifyCompactJws } from '@eea/signing';
import { CHECKPOINT_TYP, CheckpointClaims } from './audit-checkpoint.service';
import type { AuditService } from './audit.service';
import type { ChainWalk } from './audit-walk';

/** One thing wrong with the log, naming the entries affected. */
export interface AuditProblem {
  kind: 'broken_link' | 'deleted_tail' | 'rewritten' | 'bad_checkpoint';
  /** The affected entries, inclusive; for a rewrite, the first changed entry lies in this range and every later one changed too. */
  fromSeq: number;
  toSeq: number;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  message: string;
  problems: AuditProblem[];
  checked: number;
  checkpoints: number;
}

/**
 * What `npm run audit:verify` prints and exits with. The hash chain finds a changed or removed entry
 * in the middle; it cannot find a removed tail, or a rewrite whose later hashes were all recomputed.
 * Signed checkpoints of the chain head can: each is compared with the chain as stored now.
 */
export async function verifyAuditChain(
  audit: Pick<AuditService, 'walk'>,
  checkpointJws: readonly string[] = [],
  jwks: JSONWebKeySet = { keys: [] },
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const checkpoints: CheckpointClaims[] = [];
  for (const jws of checkpointJws) {
    try {
      checkpoints.push(readClaims((await verifyCompactJws<CheckpointClaims>(jws, jwks, CHECKPOINT_TYP)).claims));
    } catch (e) {
      const seq = claimedSeq(jws);
      problems.push({
        kind: 'bad_checkpoint',
        fromSeq: seq,
        toSeq: seq,
        message: `checkpoint for seq ${seq} does not verify: ${(e as Error).message}`,
      });
    }
  }
  checkpoints.sort((a, b) => a.seq - b.seq);
  const walk = await audit.walk(new Set(checkpoints.map((c) => c.seq)));
  if (walk.broken) {
    const { seq, reason } = walk.broken;
    problems.push({
      kind: 'broken_link',
      fromSeq: seq,
      toSeq: walk.head?.seq ?? seq,
      message: `audit chain BROKEN at seq ${seq}: ${reason}`,
    });
  }
  problems.push(...compareWithCheckpoints(walk, checkpoints));
  const latest = checkpoints[checkpoints.length - 1];
  const against = latest
    ? `, ${checkpoints.length} signed checkpoints match (latest: seq ${latest.seq} at ${latest.at})`
    : ', no signed checkpoint to compare with';
  const message =
    problems.length === 0 ? `audit chain intact: ${walk.checked} entries${against}` : problems.map((p) => p.message).join('\n');
  return { ok: problems.length === 0, message, problems, checked: walk.checked, checkpoints: checkpoints.length };
}

/**
 * Each checkpoint against the chain: its seq must still exist with the hash it signed. The first
 * mismatch is reported with the range since the last checkpoint that still matches, which is where
 * the first changed entry must be.
 */
export function compareWithCheckpoints(
  walk: Pick<ChainWalk, 'head' | 'hashes'>,
  checkpoints: readonly CheckpointClaims[],
): AuditProblem[] {
  const headSeq = walk.head?.seq ?? 0;
  let lastGood = 0;
  for (const cp of checkpoints) {
    if (headSeq < cp.seq) {
      const latest = checkpoints[checkpoints.length - 1];
      return [
        {
          kind: 'deleted_tail',
          fromSeq: headSeq + 1,
          toSeq: latest.seq,
          message: `audit log TRUNCATED: entries ${headSeq + 1}-${latest.seq} are missing; the checkpoint signed at ${latest.at} covers ${latest.seq} entries, the log ends at seq ${headSeq}`,
        },
      ];
    }
    if (walk.hashes.get(cp.seq) !== cp.hash) {
      return [
        {
          kind: 'rewritten',
          fromSeq: lastGood + 1,
          toSeq: headSeq,
          message: `audit log REWRITTEN: the entry at seq ${cp.seq} no longer has the hash signed at ${cp.at}; the first changed entry is between seq ${lastGood + 1} and ${cp.seq}, and entries ${lastGood + 1}-${headSeq} cannot be trusted`,
        },
      ];
    }
    lastGood = cp.seq;
  }
  return [];
}

function readClaims(claims: CheckpointClaims): CheckpointClaims {
  if (!Number.isSafeInteger(claims.seq) || claims.seq < 1 || typeof claims.hash !== 'string' || typeof claims.at !== 'string') {
    throw new Error('not an audit checkpoint');
  }
  return { seq: claims.seq, hash: claims.hash, at: claims.at };
}

/** The seq a checkpoint claims, read without trusting it, to name it in a report. */
function claimedSeq(jws: string): number {
  try {
    return Number(JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString()).seq) || 0;
  } catch {
    return 0;
  }
}
