import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@eea/config';
import { SigningService } from '@eea/signing';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signing: SigningService,
    private readonly clock: Clock,
  ) {}

  /** Signs the current head unless the latest checkpoint already covers it; null when nothing was written. */
  async write(): Promise<CheckpointView | null> {
    const [head] = await this.dataSource.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    if (!head) return null;
    const seq = Number(head.seq);
    const [last] = await this.dataSource.query('SELECT seq FROM audit_checkpoints ORDER BY seq DESC LIMIT 1');
    if (last && Number(last.seq) >= seq) return null;
    const claims: CheckpointClaims = { seq, hash: head.hash as string, at: this.clock.now().toISOString() };
    const jws = await this.signing.sign(claims, CHECKPOINT_TYP);
    const kid = JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString()).kid as string;
    // Two workers may sign the same head: the first row stands, the other is dropped.
    await this.dataSource.query(
      'INSERT INTO audit_checkpoints (seq, hash, at, kid, jws) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (seq) DO NOTHING',
      [seq, claims.hash, claims.at, kid, jws],
    );
    return { ...claims, kid, jws };
  }

  /** Newest first; auditors keep copies, so that deleting checkpoints from the database hides nothing. */
  async list(limit = 1_000): Promise<CheckpointView[]> {
    const rows = await this.dataSource.getRepository(AuditCheckpointEntity).find({ order: { seq: 'DESC' }, take: limit });
    return rows.map((r) => ({ seq: r.seq, hash: r.hash, at: r.at.toISOString(), kid: r.kid, jws: r.jws }));
  }
}
