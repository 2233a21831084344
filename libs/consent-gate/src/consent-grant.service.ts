import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrganizationEntity } from '@eea/agents';
import { AuditService } from '@eea/audit';
import { Clock, PolicyStore } from '@eea/config';
import { ApiError } from '@eea/http';
import { EventService } from '@eea/outbound';
import { RelayJob, OutboxService } from '@eea/queue';
import { RouterService } from '@eea/routing';
import { TicketEntity, recordActivity, routeAgain } from '@eea/tickets';
import { CheckedGrant, GrantConsentInput, checkGrant } from './consent-grant-rules';
import { ConsentRequestEntity } from '@eea/consent';
import { coveredTicketsWhere } from '@eea/consent';
import { ApprovedVia, ConsentEntity } from '@eea/consent';
import { ConsentView, toConsentView } from '@eea/consent';
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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const staged: RelayJob[] = [];
    const consent = await this.dataSource.transaction((m) =>
      this.grantWithin(m, input, { actor: tokenId, tokenId, via: 'manager' }, now, staged),
    );
    await this.outbox.flush(staged);
    return toConsentView(consent, now);
  }

  /** A grant answering a request without a scope of its own covers the request's ticket. */
  private async withRequestScope(input: GrantConsentInput): Promise<GrantConsentInput> {
    const scoped = input.ticketId !== undefined || input.organizationId !== undefined || input.problemRef !== undefined;
    if (scoped || input.consentRequestId === undefined) return input;
    const request = await this.dataSource.getRepository(ConsentRequestEntity).findOne({ where: { id: input.consentRequestId } });
    if (!request) throw ApiError.notFound('consent request');
    return { ...input, ticketId: request.ticketId };
  }

  /**
   * The grant inside the caller's transaction (a customer's approval marks its link in the same one).
   * Jobs to relay after commit are pushed onto `staged`.
   */
  async grantWithin(
    m: EntityManager,
    input: GrantConsentInput,
    by: GrantedBy,
    now: Date,
    staged: RelayJob[],
  ): Promise<ConsentEntity> {
    const checked = checkGrant(this.policy.current(), input, now);
    if (Array.isArray(checked)) throw ApiError.validation(checked);
    await this.checkScopeExists(m, checked);
    const request = input.consentRequestId ? await this.answeredRequest(m, input.consentRequestId, checked, now) : null;
    const saved = await m.save(
      m.create(ConsentEntity, {
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
      }),
    );
    await this.receipts.issue(m, saved);
    if (request) staged.push(...(await this.completeEscalation(m, request, saved, now, by.tokenId)));
    staged.push(...(await routeAgain(m, 'consent_granted', { kind: 'covered-by', consent: saved })));
    staged.push(await this.outbox.stage(m, 'expire-consent', { consentId: saved.id }, expiryDelay(saved, now)));
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
      m,
    );
    staged.push(
      ...(await this.events.stage(m, 'consent.granted', now, {
        consentId: saved.id,
        ticketId: saved.ticketId,
        organizationId: saved.organizationId,
        problemRef: saved.problemRef,
        countries: saved.countries,
        expiresAt: saved.expiresAt.toISOString(),
        approvedVia: by.via,
      })),
    );
    return saved;
  }

  private async checkScopeExists(m: EntityManager, c: CheckedGrant): Promise<void> {
    if ('ticketId' in c.scope) {
      if (!(await m.exists(TicketEntity, { where: { id: c.scope.ticketId } }))) throw ApiError.notFound('ticket');
    } else if (!(await m.exists(OrganizationEntity, { where: { id: c.scope.organizationId } }))) {
      throw ApiError.notFound('organization');
    }
  }

  /** The request this grant answers: pending, not lapsed, for a ticket in the grant's scope, asking for a granted country. */
  private async answeredRequest(m: EntityManager, id: string, c: CheckedGrant, now: Date): Promise<ConsentRequestEntity> {
    const request = await m.findOne(ConsentRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw ApiError.notFound('consent request');
    if (request.status !== 'pending' || request.expiresAt <= now)
      throw ApiError.conflict(`The consent request is no longer pending.`);
    const ticket = await m.findOne(TicketEntity, { where: { id: request.ticketId } });
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
    m: EntityManager,
    request: ConsentRequestEntity,
    consent: ConsentEntity,
    now: Date,
    tokenId: string | null,
  ) {
    Object.assign(request, { status: 'granted', consentId: consent.id });
    await m.save(request);
    const ticket = await m.findOne(TicketEntity, { where: { id: request.ticketId }, lock: { mode: 'pessimistic_write' } });
    if (!ticket || ticket.status === 'resolved') return [];
    Object.assign(ticket, {
      escalationCountry: request.country,
      status: 'queued',
      assigneeId: null,
      assignedAt: null,
      waitingSince: now,
    });
    await recordActivity(m, [
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
    const jobs = await this.router.routeLocked(m, ticket, now, 'consent_granted');
    await this.audit.append(
      {
        actor: 'system',
        action: 'ticket.escalated',
        subjectType: 'ticket',
        subjectId: ticket.id,
        details: { country: request.country, consentRequestId: request.id, consentId: consent.id, outcome: ticket.status },
      },
      m,
    );
    return jobs;
  }
}
