import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every time an agent claims or reads a restricted ticket. Rows whose country lies outside the
 * ticket tier's own set are transfers (GET /v1/transfers); all rows are the "recipients" of an export.
 */
@Entity('ticket_accesses')
@Index('ix_ticket_accesses_at', ['at'])
export class TicketAccessEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('ix_ticket_accesses_ticket') @Column('uuid', { name: 'ticket_id' }) ticketId: string;
  @Column('text', { name: 'agent_id' }) agentId: string;
  @Column('text', { nullable: true }) country: string | null;
  @Column('text') action: 'claim' | 'read';
  @Column('boolean') transfer: boolean;
  @Column('uuid', { name: 'consent_id', nullable: true }) consentId: string | null;
  @Column('timestamptz') at: Date;
}
