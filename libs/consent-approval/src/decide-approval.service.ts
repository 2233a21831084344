import { Injectable } from '@nestjs/common';
import { AuditService } from '@eea/audit';
import { Clock, PolicyStore } from '@eea/config';
import { markConsentRequestDenied } from '@eea/consent';
import { ConsentGrantService } from '@eea/consent-gate';
import { ApiError } from '@eea/http';
import { EventService } from '@eea/outbound';
import { OutboxService, Tx } from '@eea/queue';
import { recordApprovalDecision } from './approval-link.repository';
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
    return this.outbox.inTransaction(async (tx): Promise<ApprovalDecisionResult> => {
      const c = await findLiveApproval(tx.db, token, now, true);
      if (c.link.decision || c.request.status !== 'pending' || c.request.expiresAt <= now) {
        throw ApiError.conflict('This request has already been answered or has lapsed; it can be decided only once.');
      }
      return input.decision === 'approve' ? this.approve(tx, c, input, expiresAt, now) : this.deny(tx, c, input, now);
    });
  }

  private async approve(tx: Tx, c: ApprovalContext, input: ApprovalDecisionInput, expiresAt: Date, now: Date) {
    const approver = input.approver!;
    const consent = await this.grants.grantWithin(
      tx,
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
    );
    await this.recordDecision(tx, c, 'approved', input, now, consent.id);
    return { status: 'approved' as const, consent: toPublicConsentView(consent, now), receipt: consent.receipt };
  }

  private async deny(tx: Tx, c: ApprovalContext, input: ApprovalDecisionInput, now: Date) {
    c.request.status = 'denied';
    await markConsentRequestDenied(tx.db, c.request.id);
    await this.recordDecision(tx, c, 'denied', input, now, null);
    await this.audit.append(
      {
        actor: linkActor(c.link.id),
        action: 'consent.denied',
        subjectType: 'consent_request',
        subjectId: c.request.id,
        details: { ticketId: c.request.ticketId, country: c.request.country, linkId: c.link.id },
      },
      tx.db,
    );
    await this.events.emit(tx, 'consent.denied', now, {
      consentRequestId: c.request.id,
      ticketId: c.request.ticketId,
      organizationId: c.ticket?.organizationId ?? null,
      ticketExternalId: c.ticket?.externalId ?? null,
      country: c.request.country,
    });
    return { status: 'denied' as const };
  }

  private async recordDecision(
    tx: Tx,
    c: ApprovalContext,
    decision: 'approved' | 'denied',
    input: ApprovalDecisionInput,
    now: Date,
    consentId: string | null,
  ) {
    const decided = {
      decision,
      decidedAt: now,
      consentId,
      note: input.note ?? null,
      approverName: input.approver?.name ?? null,
      approverRole: input.approver?.role ?? null,
    };
    Object.assign(c.link, decided);
    await recordApprovalDecision(tx.db, c.link.id, decided);
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
