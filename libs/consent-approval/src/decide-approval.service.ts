import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@eea/audit';
import { Clock, PolicyStore } from '@eea/config';
import { ApiError } from '@eea/http';
import { EventService } from '@eea/outbound';
import { RelayJob, OutboxService } from '@eea/queue';
import { ConsentGrantService } from '@eea/consent-gate';
import { ApprovalContext } from './approval-status';
import { findLiveApproval } from './approval-lookup';
import { PublicConsentView, toPublicConsentView } from './approval-view';

const DAY_MS = 86_400_000;

export interface ApprovalDecisionInput {
  decision: 'approve' | 'deny';
  approver?: { name: string; role?: string };
  durationDays?: number;
  note?: string;
}

export type ApprovalDecisionResult =
  { status: 'approved'; consent: PublicConsentView; receipt: string | null } | { status: 'denied' };

/** The audit actor of everything done through a link: the link, never the person (whose name is customer data). */
export const linkActor = (linkId: string) => `approval-link:${linkId}`;

/**
 * The customer's approver decides through their link (SPEC 9), once. Approve: the consent is granted
 * and the escalation completed in this one transaction, exactly as a manager's grant with the request
 * id, so routing reflects it before the answer. Deny: the request is closed as `denied` and nothing
 * moves: the escalating agent keeps the ticket and sees that the customer declined.
 */
@Injectable()
export class DecideApprovalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly grants: ConsentGrantService,
    private readonly outbox: OutboxService,
    private readonly events: EventService,
    private readonly audit: AuditService,
    private readonly policy: PolicyStore,
    private readonly clock: Clock,
  ) {}

  async execute(token: string, input: ApprovalDecisionInput): Promise<ApprovalDecisionResult> {
    const now = this.clock.now();
    const expiresAt = this.expiresAt(input, now);
    const staged: RelayJob[] = [];
    const result = await this.dataSource.transaction(async (m): Promise<ApprovalDecisionResult> => {
      const c = await findLiveApproval(m, token, now, true);
      if (c.link.decision || c.request.status !== 'pending' || c.request.expiresAt <= now) {
        throw ApiError.conflict('This request has already been answered or has lapsed; it can be decided only once.');
      }
      return input.decision === 'approve'
        ? this.approve(m, c, input, expiresAt, now, staged)
        : this.deny(m, c, input, now, staged);
    });
    await this.outbox.flush(staged);
    return result;
  }

  private async approve(
    m: EntityManager,
    c: ApprovalContext,
    input: ApprovalDecisionInput,
    expiresAt: Date,
    now: Date,
    staged: RelayJob[],
  ) {
    const approver = input.approver!;
    const consent = await this.grants.grantWithin(
      m,
      {
        ticketId: c.request.ticketId,
        countries: [c.request.country],
        approvedBy: approver,
        consentRequestId: c.request.id,
        evidence: `Approved by the customer through approval link ${c.link.id}`,
        expiresAt: expiresAt.toISOString(),
      },
      { actor: linkActor(c.link.id), tokenId: null, via: 'customer_link' },
      now,
      staged,
    );
    await this.recordDecision(m, c, 'approved', input, now, consent.id);
    return { status: 'approved' as const, consent: toPublicConsentView(consent, now), receipt: consent.receipt };
  }

  private async deny(m: EntityManager, c: ApprovalContext, input: ApprovalDecisionInput, now: Date, staged: RelayJob[]) {
    c.request.status = 'denied';
    await m.save(c.request);
    await this.recordDecision(m, c, 'denied', input, now, null);
    await this.audit.append(
      {
        actor: linkActor(c.link.id),
        action: 'consent.denied',
        subjectType: 'consent_request',
        subjectId: c.request.id,
        details: { ticketId: c.request.ticketId, country: c.request.country, linkId: c.link.id },
      },
      m,
    );
    staged.push(
      ...(await this.events.stage(m, 'consent.denied', now, {
        consentRequestId: c.request.id,
        ticketId: c.request.ticketId,
        organizationId: c.ticket?.organizationId ?? null,
        ticketExternalId: c.ticket?.externalId ?? null,
        country: c.request.country,
      })),
    );
    return { status: 'denied' as const };
  }

  private async recordDecision(
    m: EntityManager,
    c: ApprovalContext,
    decision: 'approved' | 'denied',
    input: ApprovalDecisionInput,
    now: Date,
    consentId: string | null,
  ) {
    Object.assign(c.link, {
      decision,
      decidedAt: now,
      consentId,
      note: input.note ?? null,
      approverName: input.approver?.name ?? null,
      approverRole: input.approver?.role ?? null,
    });
    await m.save(c.link);
  }

  /** The time box the approver chose, within the policy's maximum (checked before anything is read). */
  private expiresAt(input: ApprovalDecisionInput, now: Date): Date {
    const { defaultDurationDays, maxDurationDays } = this.policy.current().consent;
    const days = input.durationDays ?? defaultDurationDays;
    if (!Number.isInteger(days) || days < 1 || days > maxDurationDays) {
      throw ApiError.badRequest('durationDays', `must be a whole number of days from 1 to ${maxDurationDays}`);
    }
    if (input.decision === 'approve' && !input.approver) throw ApiError.badRequest('approver', 'is required to approve');
    return new Date(now.getTime() + days * DAY_MS);
  }
}
