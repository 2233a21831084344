import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Append-only, hash-chained: hash = sha256(prevHash + canonical entry). A changed or removed row
 * breaks every later link, which `npm run audit:verify` reports.
 */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryColumn('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) seq: number;
  @Column('timestamptz') at: Date;
  @Column('text') actor: string;
  @Column('text') action: string;
  @Column('text', { name: 'subject_type' }) subjectType: string;
  @Column('text', { name: 'subject_id' }) subjectId: string;
  @Column('jsonb') details: Record<string, unknown>;
  @Column('text', { name: 'prev_hash' }) prevHash: string;
  @Column('text') hash: string;
}
