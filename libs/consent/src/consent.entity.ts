import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ApprovedVia = 'manager' | 'customer_link';

/** A customer's recorded agreement that agents in `countries` may work a ticket or a problem. */
@Entity('consents')
@Index('ix_consents_problem', ['organizationId', 'problemRef'])
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('ix_consents_ticket') @Column('uuid', { name: 'ticket_id', nullable: true }) ticketId: string | null;
  @Column('text', { name: 'organization_id', nullable: true }) organizationId: string | null;
  @Column('text', { name: 'problem_ref', nullable: true }) problemRef: string | null;
  @Column('text', { array: true }) countries: string[];
  @Column('text', { name: 'approved_by_name' }) approvedByName: string;
  @Column('text', { name: 'approved_by_role', nullable: true }) approvedByRole: string | null;
  @Column('text') evidence: string;
  @Column('uuid', { name: 'granted_by_token_id', nullable: true }) grantedByTokenId: string | null;
  @Column('uuid', { name: 'consent_request_id', nullable: true }) consentRequestId: string | null;
  @Column('timestamptz', { name: 'granted_at' }) grantedAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column('uuid', { name: 'revoked_by_token_id', nullable: true }) revokedByTokenId: string | null;
  /** Set once the expiry was processed (tickets re-evaluated, event sent). */
  @Column('timestamptz', { name: 'expiry_processed_at', nullable: true }) expiryProcessedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** How the customer's agreement reached us: a manager recorded it, or their approver used a link. */
  @Column('text', { name: 'approved_via', default: 'manager' }) approvedVia: ApprovedVia;
  /** The signed receipt (compact JWS, SPEC 9), written with the grant. */
  @Column('text', { nullable: true }) receipt: string | null;
}
