import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ApprovalDecision = 'approved' | 'denied';

/**
 * A link that lets the customer's own approver decide a consent request. Only the SHA-256 of its token
 * is stored: the token itself exists in the URL handed to the customer and nowhere here. The approver's
 * name, role and note are customer data: kept in this row (and the consent) only, never in audit or logs.
 */
@Entity('approval_links')
export class ApprovalLinkEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('ix_approval_links_request') @Column('uuid', { name: 'consent_request_id' }) consentRequestId: string;
  @Column('text', { name: 'token_hash', unique: true }) tokenHash: string;
  @Column('uuid', { name: 'created_by_token_id', nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('text', { nullable: true }) decision: ApprovalDecision | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('text', { name: 'approver_name', nullable: true }) approverName: string | null;
  @Column('text', { name: 'approver_role', nullable: true }) approverRole: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid', { name: 'consent_id', nullable: true }) consentId: string | null;
}
