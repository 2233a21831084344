import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export const TICKET_STATUSES = ['received', 'queued', 'deferred', 'assigned', 'resolved', 'stranded'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * A ticket holds routing facts only. Requester data exists solely as keyed-HMAC pseudonyms so that
 * export and erasure can find a data subject; subject, names, raw emails and phones are never stored.
 */
@Entity('tickets')
@Unique('uq_tickets_source_external', ['source', 'externalId'])
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') source: string;
  @Column('text', { name: 'external_id' }) externalId: string;
  /** Jira's issue key: follows moves between projects (the identity is external_id = issue.id). */
  @Column('text', { name: 'external_key', nullable: true }) externalKey: string | null;
  @Column('text', { name: 'organization_id' }) organizationId: string;
  /** Every organisation the source named, when more than one: the most restrictive tier applies. */
  @Column('text', { name: 'organization_ids', array: true, nullable: true }) organizationIds: string[] | null;
  @Column('text', { nullable: true }) region: string | null;
  @Column('text', { name: 'region_country', nullable: true }) regionCountry: string | null;
  @Column('text') jurisdiction: string;
  @Column('text') tier: string;
  @Column('smallint') severity: number;
  @Column('text', { nullable: true }) category: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) skills: string[];
  @Column('text', { nullable: true }) language: string | null;
  @Column('text', { name: 'problem_ref', nullable: true }) problemRef: string | null;
  @Index('ix_tickets_status') @Column('text') status: TicketStatus;
  /**
   * null = unrestricted ("*", written only by the router); otherwise the countries permitted now (tier set ∪
   * consent, narrowed by escalation). Defaults to none: a stored, unrouted ticket permits nobody.
   */
  @Column('text', { name: 'allowed_countries', array: true, nullable: true, default: () => "'{}'" }) allowedCountries:
    string[] | null;
  @Column('timestamptz', { name: 'deferred_until', nullable: true }) deferredUntil: Date | null;
  @Column('text', { name: 'assignee_id', nullable: true }) assigneeId: string | null;
  @Column('timestamptz', { name: 'assigned_at', nullable: true }) assignedAt: Date | null;
  @Column('text', { name: 'escalation_country', nullable: true }) escalationCountry: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) flags: string[];
  @Column('text', { name: 'policy_version', nullable: true }) policyVersion: string | null;
  /** The source system's own last-update time: older updates are ignored. */
  @Column('timestamptz', { name: 'source_updated_at' }) sourceUpdatedAt: Date;
  /** The signed send time of the delivery applied last: breaks ties on source_updated_at. */
  @Column('timestamptz', { name: 'source_sent_at', nullable: true }) sourceSentAt: Date | null;
  /** Since when the ticket waits to be claimed (ordering of pull queues). */
  @Column('timestamptz', { name: 'waiting_since' }) waitingSince: Date;
  /** Bumped on every change that needs routing; a routing job carries the revision it was made for. */
  @Column('integer', { default: 0 }) revision: number;
  @Column('timestamptz', { name: 'alarm_raised_at', nullable: true }) alarmRaisedAt: Date | null;
  @Column('text', { name: 'requester_email_hash', nullable: true }) requesterEmailHash: string | null;
  @Column('text', { name: 'requester_phone_hash', nullable: true }) requesterPhoneHash: string | null;
  /** Pseudonym of "<source>:<the source's requester id>" (Jira accountId, Zendesk requester id). */
  @Column('text', { name: 'requester_external_hash', nullable: true }) requesterExternalHash: string | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
