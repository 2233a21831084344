import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox: a job written in the same transaction as the change that needs it, so a
 * committed change is never without its job even when Redis is down at that moment.
 */
@Entity('outbox')
export class OutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('text') queue: string;
  @Column('text', { name: 'job_name' }) jobName: string;
  @Column('text', { name: 'job_id' }) jobId: string;
  @Column('jsonb') payload: Record<string, unknown>;
  @Column('bigint', { name: 'delay_ms', default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  delayMs: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** When a job whose row is kept until handled (`durable` in the catalogue) was last handed to BullMQ. */
  @Column('timestamptz', { name: 'relayed_at', nullable: true }) relayedAt: Date | null;
}
