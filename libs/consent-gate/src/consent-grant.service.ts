import { Injectable } from '@nestjs/common';
import { AuditService } from '@eea/audit';
import { Clock, PolicyStore } from '@eea/config';
import {
  ApprovedVia,
  ConsentEntity,
  ConsentRequestEntity,
  ConsentView,
  findConsentRequest,
  insertConsent,
  lockConsentRequest,
  markConsentRequestGranted,
  toConsentView,
} from '@eea/consent';
import { ApiError } from '@eea/http';
import { EventService } from '@eea/outbound';
import { OutboxService, Tx } from '@eea/queue';
import { RouterService } from '@eea/routing';
import { consentTicketSummary, lockTicketForEscalation, recordActivity, requestRouting, ticketExists } from '@eea/tickets';
import { CheckedGrant, GrantConsentInput, checkGrant } from './consent-grant-rules';
import { organizationExists } from './grant-scope.repository';
import { ConsentReceiptService } from './receipts/consent-receipt.service';

/** Who granted: the audit actor, the manager's token (none for a customer's link), and how. */
export interface GrantedBy {
  actor: string;
  tokenId: string | null;
  via: ApprovedVia;
}

/** The expiry job fires at expiresAt; the sweeper backs it up if the job is ever lost. */
const expiryDelay = (c: ConsentEntity, now: Date) => Math.max(0, c.expiresAt.getTime() - now.getTime());

/**
 * A manager records the customer's consent (who agreed, the evidence, a time box). Everything it
 * covers is re-routed in the same transaction's outbox, and its expiry job is staged with it.
 */
@Injectable()
export class ConsentGrantService {
  constructor(
    private readonly router: RouterService,
    private readonly receipts: ConsentReceiptService,
    private readonly outbox: OutboxService,
    private readonly events: EventService,
    private readonly audit: AuditService,
    private readonly policy: PolicyStore,
    private readonly clock: Clock,
  ) {}

  async grant(given: GrantConsentInput, tokenId: string): Promise<ConsentView> {
    const now = this.clock.now();
    const input = await this.withRequestScope(given);
    const consent = await this.outbox.inTransaction((tx) =>
      this.grantWithin(tx, input, { actor: tokenId, tokenId, via: 'manager' }, now),
    );
    return toConsentView(consent, now);
  }

  /** A grant answering a request without a scope of its own covers the request's ticket. */
  private async withRequestScope(input: GrantConsentInput): Promise<GrantConsentInput> {
    const scoped = input.ticketId !== undefined || input.organizationId !== undefined || input.problemRef !== undefined;
    if (scoped || input.consentRequestId === undefined) return input;
    const request = await findConsentRequest(this.outbox.db, input.consentRequestId);
    if (!request) throw ApiError.notFound('consent request');
    return { ...input, ticketId: request.ticketId };
  }

  /** The grant inside the caller's transaction (a customer's approval marks its link in the same one). */
  async grantWithin(tx: Tx, input: GrantConsentInput, by: GrantedBy, now: Date): Promise<ConsentEntity> {
    const checked = checkGrant(this.policy.current(), input, now);
    if (Array.isArray(checked)) throw ApiError.validation(checked);
    await this.checkScopeExists(tx, checked);
    const request = input.consentRequestId ? await this.answeredRequest(tx, input.consentRequestId, checked, now) : null;
    const saved = await insertConsent(tx.db, {
      ticketId: null,
      organizationId: null,
      problemRef: null,
      ...checked.scope,
      countries: checked.countries,
      approvedByName: input.approvedBy.name,
      approvedByRole: input.approvedBy.role ?? null,
      evidence: input.evidence,
      grantedByTokenId: by.tokenId,
      consentRequestId: request?.id ?? null,
      grantedAt: now,
      expiresAt: checked.expiresAt,
      revokedAt: null,
      revokedByTokenId: null,
      expiryProcessedAt: null,
      approvedVia: by.via,
      receipt: null,
    });
    await this.receipts.issue(tx, saved);
    const escalated = request ? await this.completeEscalation(tx, request, saved, now, by.tokenId) : null;
    // The escalated ticket was just routed with the consent, under its lock: a second routing would only
    // hold its row again, and a claim in that moment would skip it.
    await requestRouting(tx, 'consent_granted', { kind: 'covered-by', consent: saved, except: escalated ? [escalated] : [] });
    await tx.stage('expire-consent', { consentId: saved.id }, expiryDelay(saved, now));
    // Ids, scope and time box only: the approver's name and the evidence are customer PI, kept in `consents` alone.
    await this.audit.append(
      {
        actor: by.actor,
        action: 'consent.granted',
        subjectType: 'consent',
        subjectId: saved.id,
        details: {
          ticketId: saved.ticketId,
          organizationId: saved.organizationId,
          problemRef: saved.problemRef,
          countries: saved.countries,
          expiresAt: saved.expiresAt.toISOString(),
          consentRequestId: saved.consentRequestId,
          approvedVia: by.via,
        },
      },
      tx.db,
    );
    await this.events.emit(tx, 'consent.granted', now, {
      consentId: saved.id,
      ticketId: saved.ticketId,
      organizationId: saved.organizationId,
      problemRef: saved.problemRef,
      countries: saved.countries,
      expiresAt: saved.expiresAt.toISOString(),
      approvedVia: by.via,
    });
    return saved;
  }

  private async checkScopeExists(tx: Tx, c: CheckedGrant): Promise<void> {
    if ('ticketId' in c.scope) {
      if (!(await ticketExists(tx.db, c.scope.ticketId))) throw ApiError.notFound('ticket');
    } else if (!(await organizationExists(tx.db, c.scope.organizationId))) {
      throw ApiError.notFound('organization');
    }
  }

  /** The request this grant answers: pending, not lapsed, for a ticket in the grant's scope, asking for a granted country. */
  private async answeredRequest(tx: Tx, id: string, c: CheckedGrant, now: Date): Promise<ConsentRequestEntity> {
    const request = await lockConsentRequest(tx.db, id);
    if (!request) throw ApiError.notFound('consent request');
    if (request.status !== 'pending' || request.expiresAt <= now)
      throw ApiError.conflict(`The consent request is no longer pending.`);
    const ticket = await consentTicketSummary(tx.db, request.ticketId);
    const inScope =
      'ticketId' in c.scope
        ? request.ticketId === c.scope.ticketId
        : ticket?.organizationId === c.scope.organizationId && ticket?.problemRef === c.scope.problemRef;
    if (!inScope) throw ApiError.badRequest('consentRequestId', "is a request for a ticket outside this consent's scope");
    if (!c.countries.includes(request.country))
      throw ApiError.badRequest('countries', `must include ${request.country}, the country the request asks for`);
    return request;
  }

  /**
   * The consent answers an escalation that was waiting for it: the escalation now happens as the agent
   * asked (the ticket leaves whoever holds it and is queued for agents of that country only).
   */
  private async completeEscalation(
    tx: Tx,
    request: ConsentRequestEntity,
    consent: ConsentEntity,
    now: Date,
    tokenId: string | null,
  ): Promise<string | null> {
    Object.assign(request, { status: 'granted', consentId: consent.id });
    await markConsentRequestGranted(tx.db, request.id, consent.id);
    const ticket = await lockTicketForEscalation(tx.db, request.ticketId);
    if (!ticket || ticket.status === 'resolved') return null;
    Object.assign(ticket, {
      escalationCountry: request.country,
      status: 'queued',
      assigneeId: null,
      assignedAt: null,
      waitingSince: now,
    });
    await recordActivity(tx.db, [
      {
        ticketId: ticket.id,
        at: now,
        kind: 'escalated',
        actorTokenId: tokenId,
        details: {
          country: request.country,
          requestedBy: request.requestedByAgentId,
          consentRequestId: request.id,
          consentId: consent.id,
        },
      },
    ]);
    // The router writes the ticket (with its new escalation) and stages its follow-ups in this transaction.
    await this.router.routeLocked(tx, ticket, now, 'consent_granted');
    await this.audit.append(
      {
        actor: 'system',
        action: 'ticket.escalated',
        subjectType: 'ticket',
        subjectId: ticket.id,
        details: { country: request.country, consentRequestId: request.id, consentId: consent.id, outcome: ticket.status },
      },
      tx.db,
    );
    return ticket.id;
  }
}
