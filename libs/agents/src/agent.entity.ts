import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const AGENT_STATUSES = ['available', 'away', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

@Entity('agents')
export class AgentEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  /** Only admins set it: location is the hard filter of every routing decision. */
  @Column('text', { nullable: true }) country: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) skills: string[];
  @Column('text', { array: true, default: () => "'{}'" }) languages: string[];
  @Column('integer', { default: 5 }) capacity: number;
  @Column('text', { default: 'offline' }) status: AgentStatus;
  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' }) statusChangedAt: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
