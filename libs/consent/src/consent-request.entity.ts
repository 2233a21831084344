import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** `denied`: the customer declined through an approval link; the escalating agent keeps the ticket. */
export type ConsentRequestStatus = 'pending' | 'granted' | 'expired' | 'denied';

/** Raised when an assignee escalates to a country the ticket does not allow yet. */
@Entity('consent_requests')
export class ConsentRequestEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'ticket_id' }) ticketId: string;
  @Column('text', { name: 'organization_id' }) organizationId: string;
  /** The ticket's id in its ticketing system, so managers can find it there. */
  @Column('text', { name: 'external_id' }) externalId: string;
  @Column('text', { name: 'requested_by_agent_id' }) requestedByAgentId: string;
  @Column('text') country: string;
  @Column('text') reason: string;
  @Index('ix_consent_requests_status') @Column('text') status: ConsentRequestStatus;
  @Column('uuid', { name: 'consent_id', nullable: true }) consentId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
}
