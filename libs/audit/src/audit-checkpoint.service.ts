import { Injectable } from '@nestjs/common';
import { Clock } from '@eea/config';
import { OutboxService } from '@eea/queue';
import { SigningService } from '@eea/signing';
import { insertCheckpoint, latestCheckpointSeq, newestCheckpoints } from './audit-checkpoint.repository';
import { auditChainHead } from './audit-log.repository';

export const CHECKPOINT_TYP = 'audit-checkpoint+jws';

/** What a checkpoint's JWS signs. */
export interface CheckpointClaims {
  seq: number;
  hash: string;
  at: string;
}

export interface CheckpointView {
  seq: number;
  hash: string;
  at: string;
  kid: string;
  jws: string;
}

/** Signs the audit chain's head regularly (worker schedule) and publishes the signatures to auditors. */
@Injectable()
export class AuditCheckpointService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly signing: SigningService,
    private readonly clock: Clock,
  ) {}

  /** Signs the current head unless the latest checkpoint already covers it; null when nothing was written. */
  async write(): Promise<CheckpointView | null> {
    const head = await auditChainHead(this.outbox.db);
    if (!head) return null;
    const last = await latestCheckpointSeq(this.outbox.db);
    if (last !== null && last >= head.seq) return null;
    const claims: CheckpointClaims = { seq: head.seq, hash: head.hash, at: this.clock.now().toISOString() };
    const jws = await this.signing.sign(claims, CHECKPOINT_TYP);
    const kid = JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString()).kid as string;
    await insertCheckpoint(this.outbox.db, { ...claims, kid, jws });
    return { ...claims, kid, jws };
  }

  /** Newest first; auditors keep copies, so that deleting checkpoints from the database hides nothing. */
  async list(limit = 1_000): Promise<CheckpointView[]> {
    const rows = await newestCheckpoints(this.outbox.db, limit);
    return rows.map((r) => ({ seq: r.seq, hash: r.hash, at: r.at.toISOString(), kid: r.kid, jws: r.jws }));
  }
}
