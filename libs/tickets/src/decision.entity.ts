import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionTrigger } from './ticket-activity';

export interface TraceStepRecord {
  rule: string;
  outcome: string;
  detail: string;
}

/** One routing evaluation with its explanation, kept for audits. */
@Entity('decisions')
@Index('ix_decisions_ticket_at', ['ticketId', 'at'])
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Insertion order: exact "newest first" even when evaluations share a timestamp. */
  @Column({ type: 'bigint', insert: false, update: false, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;
  @Column('uuid', { name: 'ticket_id' }) ticketId: string;
  @Column('timestamptz') at: Date;
  @Column('text', { name: 'policy_version' }) policyVersion: string;
  @Column('text') outcome: 'queued' | 'deferred' | 'stranded';
  @Column('text', { name: 'allowed_countries', array: true, nullable: true }) allowedCountries: string[] | null;
  @Column('timestamptz', { name: 'deferred_until', nullable: true }) deferredUntil: Date | null;
  @Column('text', { array: true, default: () => "'{}'" }) flags: string[];
  @Column('jsonb') trace: TraceStepRecord[];
  /** What caused the evaluation; null on decisions recorded before triggers were. */
  @Column('text', { nullable: true }) trigger: DecisionTrigger | null;
}
