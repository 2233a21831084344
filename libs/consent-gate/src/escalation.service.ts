import { Injectable } from '@nestjs/common';
import { AuditService } from '@eea/audit';
import { AppConfig, PolicyStore } from '@eea/config';
import { insertConsentRequest, pendingConsentRequestId } from '@eea/consent';
import { ApiError } from '@eea/http';
import { isCountryPermitted, isIsoCountryCode } from '@eea/policy';
import { OutboxService, Tx } from '@eea/queue';
import { RouterService, TicketEvaluator, lockHeldTicket } from '@eea/routing';
import { TicketEntity, recordActivity } from '@eea/tickets';

export interface EscalationInput {
  country: string;
  reason: string;
}

type Outcome = { ticket: TicketEntity; consentRequestId?: undefined } | { ticket?: undefined; consentRequestId: string };

/**
 * An assignee hands its ticket to agents of one country. Allowed now (tier set or active consent):
 * the ticket leaves the caller and is queued for that country only. Not allowed: nothing moves, and
 * managers get a consent request to put to the customer (granting it completes the escalation).
 */
@Injectable()
export class EscalationService {
  constructor(
    private readonly evaluator: TicketEvaluator,
    private readonly router: RouterService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly policy: PolicyStore,
  ) {}

  async escalate(agentId: string, ticketId: string, input: EscalationInput, actor: string): Promise<TicketEntity> {
    if (!isIsoCountryCode(input.country)) throw ApiError.badRequest('country', 'is not an ISO 3166-1 alpha-2 country');
    const outcome = await this.outbox.inTransaction(async (tx): Promise<Outcome> => {
      const ticket = await lockHeldTicket(tx.db, this.evaluator, agentId, ticketId);
      const now = this.evaluator.now();
      // Evaluated as if already escalated: the pool is then that country alone, or empty when not permitted.
      const { evaluation } = await this.evaluator.evaluate(
        tx.db,
        { ...ticket, escalationCountry: input.country } as TicketEntity,
        now,
      );
      if (!isCountryPermitted(evaluation, input.country)) {
        // A consent could never unlock it: asking managers would only queue a request nobody may grant.
        if (!this.policy.current().isUnlockable(input.country))
          throw ApiError.badRequest('country', `${input.country} is not allowed for this ticket and no consent can unlock it`);
        return { consentRequestId: await this.requestConsent(tx, ticket, agentId, input, now, actor) };
      }
      const from = ticket.escalationCountry;
      Object.assign(ticket, {
        escalationCountry: input.country,
        status: 'queued',
        assigneeId: null,
        assignedAt: null,
        waitingSince: now,
      });
      await recordActivity(tx.db, [
        { ticketId: ticket.id, at: now, kind: 'escalated', agentId, details: { country: input.country } },
      ]);
      // The router writes the ticket (with its escalation) and stages its follow-ups in this transaction.
      await this.router.routeLocked(tx, ticket, now, 'escalation');
      await this.audit.append(
        {
          actor,
          action: 'ticket.escalated',
          subjectType: 'ticket',
          subjectId: ticket.id,
          details: { country: input.country, previousCountry: from, fromAgentId: agentId, outcome: ticket.status },
        },
        tx.db,
      );
      return { ticket };
    });
    if (outcome.ticket) return outcome.ticket;
    throw new ApiError(
      409,
      'consent_required',
      `Escalating this ticket to ${input.country} needs the customer's consent; managers were asked.`,
      [{ message: 'a consent request is pending for managers', consentRequestId: outcome.consentRequestId }],
    );
  }

  /** One pending request per ticket and country: asking again returns the same request. */
  private async requestConsent(tx: Tx, t: TicketEntity, agentId: string, input: EscalationInput, now: Date, actor: string) {
    const pending = await pendingConsentRequestId(tx.db, t.id, input.country, now);
    if (pending) return pending;
    const request = await insertConsentRequest(tx.db, {
      ticketId: t.id,
      organizationId: t.organizationId,
      externalId: t.externalId,
      requestedByAgentId: agentId,
      country: input.country,
      reason: input.reason,
      expiresAt: new Date(now.getTime() + this.config.CONSENT_REQUEST_TTL_SECONDS * 1000),
    });
    // The reason is free text an agent typed (it may quote the customer): stored with the request, never audited.
    await this.audit.append(
      {
        actor,
        action: 'consent.requested',
        subjectType: 'consent_request',
        subjectId: request.id,
        details: {
          ticketId: t.id,
          country: input.country,
          requestedByAgentId: agentId,
          expiresAt: request.expiresAt.toISOString(),
        },
      },
      tx.db,
    );
    return request.id;
  }
}
