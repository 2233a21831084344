import { Injectable } from '@nestjs/common';
import { AuditService } from '@eea/audit';
import { AppConfig, Clock, publicUrl } from '@eea/config';
import { extendConsentRequest, lockConsentRequest } from '@eea/consent';
import { ApiError } from '@eea/http';
import { EventService } from '@eea/outbound';
import { OutboxService } from '@eea/queue';
import { consentTicketSummary } from '@eea/tickets';
import { insertApprovalLink } from './approval-link.repository';
import { approvalTokenHash, approvalUrl, newApprovalToken } from './approval-token';

const HOUR_MS = 3_600_000;
export const DEFAULT_LINK_HOURS = 72;
export const MAX_LINK_HOURS = 168;

export interface ApprovalLinkCreated {
  url: string;
  expiresAt: string;
}

/**
 * A manager sends a pending consent request to the customer's own approver (SPEC 9). The token is
 * shown once, in the answer and in the `consent.approval_requested` event the ticketing system sends
 * to the customer; only its hash is stored. A request lives at least as long as its newest link, so
 * that the customer has the time the link promises.
 */
@Injectable()
export class CreateApprovalLinkService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly events: EventService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async execute(requestId: string, expiresInHours: number | undefined, tokenId: string): Promise<ApprovalLinkCreated> {
    const hours = expiresInHours ?? DEFAULT_LINK_HOURS;
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_LINK_HOURS) {
      throw ApiError.badRequest('expiresInHours', `must be a whole number of hours from 1 to ${MAX_LINK_HOURS}`);
    }
    const now = this.clock.now();
    const token = newApprovalToken();
    const url = approvalUrl(publicUrl(this.config), token);
    const expiresAt = await this.outbox.inTransaction(async (tx) => {
      const request = await lockConsentRequest(tx.db, requestId);
      if (!request) throw ApiError.notFound('consent request');
      if (request.status !== 'pending' || request.expiresAt <= now)
        throw ApiError.conflict('The consent request is no longer pending.');
      const link = await insertApprovalLink(tx.db, {
        consentRequestId: request.id,
        tokenHash: approvalTokenHash(token),
        createdByTokenId: tokenId,
        expiresAt: new Date(now.getTime() + hours * HOUR_MS),
      });
      if (request.expiresAt < link.expiresAt) await extendConsentRequest(tx.db, request.id, link.expiresAt);
      const ticket = await consentTicketSummary(tx.db, request.ticketId);
      if (!ticket) throw new Error(`consent request ${request.id}: its ticket is missing`);
      // The token is a credential: the audit names the link by its id only.
      await this.audit.append(
        {
          actor: tokenId,
          action: 'consent.approval_requested',
          subjectType: 'consent_request',
          subjectId: request.id,
          details: { linkId: link.id, ticketId: ticket.id, country: request.country, expiresAt: link.expiresAt.toISOString() },
        },
        tx.db,
      );
      await this.events.emit(tx, 'consent.approval_requested', now, {
        consentRequestId: request.id,
        ticketId: ticket.id,
        source: ticket.source,
        ticketExternalId: ticket.externalId,
        organizationId: ticket.organizationId,
        country: request.country,
        url,
        expiresAt: link.expiresAt.toISOString(),
      });
      return link.expiresAt;
    });
    return { url, expiresAt: expiresAt.toISOString() };
  }
}
