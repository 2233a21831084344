import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed statement "the audit chain had `seq` entries and its head hash was `hash` at `at`": a compact
 * JWS (Ed25519, `kid`, typ `audit-checkpoint+jws`) verifiable with /.well-known/jwks.json. Append-only in the
 * database like the log it vouches for.
 */
@Entity('audit_checkpoints')
export class AuditCheckpointEntity {
  @PrimaryColumn('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) seq: number;
  @Column('text') hash: string;
  @Column('timestamptz') at: Date;
  @Column('text') kid: string;
  @Column('text') jws: string;
}
