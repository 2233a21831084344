import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '@eea/audit';
import { Clock } from '@eea/config';
import { consentsForSubjectExport, eraseSubjectConsentText } from '@eea/consent';
import { eraseApprovalNotes } from '@eea/consent-approval';
import { Db } from '@eea/database';
import { ApiError } from '@eea/http';
import { OutboxService } from '@eea/queue';
import { TicketEntity, accessesOfTickets, decisionsOfTickets, ticketsByRequesterPseudonym, unlinkRequester } from '@eea/tickets';
import { PseudonymKind, PseudonymService } from './pseudonyms';
import { SubjectExport, SubjectRequest, buildSubjectExport } from './subject-export';

/** The privacy request's actor as the audit log records it: a token id, never a person. */
export interface PrivacyActor {
  tokenId: string;
}

/** What the erasure removed: pseudonym links, and free-text fields blanked (consent evidence, escalation reasons). */
export interface ErasedCounts {
  tickets: number;
  pseudonyms: number;
  freeTexts: number;
}

/** What erased free text reads afterwards: the record stays, its words do not. */
export const ERASED_TEXT = '[erased on a data subject request]';

/**
 * Data-subject requests (GDPR Art. 15 and 17). A subject is found by the pseudonyms of their email and
 * phone under every configured key, so rotation never hides anyone. Audit entries carry counts and a
 * request id only: the audit log outlives erasure and must not become a way back to the person.
 */
@Injectable()
export class PrivacyRequestService {
  private readonly logger = new Logger(PrivacyRequestService.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly pseudonyms: PseudonymService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async export(request: SubjectRequest, by: PrivacyActor): Promise<SubjectExport> {
    const lookup = this.lookup(request);
    const requestId = randomUUID();
    // One snapshot for a consistent document. The audit entry is appended afterwards in its own
    // transaction: under REPEATABLE READ the chain head read after the audit lock would be this
    // snapshot's, not the latest (a concurrent append, e.g. a re-route's ticket.widened, would then
    // collide on its seq).
    const document = await this.outbox.inTransaction(
      async (tx) => {
        const { tickets, matched } = await this.findTickets(tx.db, lookup);
        const ids = tickets.map((t) => t.id);
        if (ids.length === 0) {
          return buildSubjectExport({ tickets, decisions: [], accesses: [], consents: [], matched }, requestId, this.clock.now());
        }
        const [decisions, accesses] = await Promise.all([decisionsOfTickets(tx.db, ids), accessesOfTickets(tx.db, ids)]);
        const usedConsents = [...new Set(accesses.map((a) => a.consentId).filter((id) => id !== null))];
        const consents = await consentsForSubjectExport(tx.db, ids, usedConsents);
        return buildSubjectExport({ tickets, decisions, accesses, consents, matched }, requestId, this.clock.now());
      },
      { isolation: 'REPEATABLE READ' },
    );
    await this.audit.append({
      actor: by.tokenId,
      action: 'privacy.exported',
      subjectType: 'privacy_request',
      subjectId: requestId,
      details: { matchedBy: document.subject.matchedBy, tickets: document.tickets.length },
    });
    this.logger.log({ requestId, tickets: document.tickets.length }, 'subject export generated');
    return document;
  }

  /**
   * Unlinks the subject from every ticket (both pseudonyms go, whichever one matched: the other is the
   * same person's) and blanks the free text people typed about those tickets, which may quote the
   * requester: the evidence of consents scoped to one of them and the reasons of escalation requests.
   * Routing facts, decisions, accesses, the consents themselves and audit entries stay: they hold no
   * personal data once the link is gone. Idempotent: a repeat finds nothing and erases nothing.
   */
  async erase(request: SubjectRequest, by: PrivacyActor): Promise<{ requestId: string; erased: ErasedCounts }> {
    const lookup = this.lookup(request);
    const requestId = randomUUID();
    return this.outbox.inTransaction(async (tx) => {
      const { tickets } = await this.findTickets(tx.db, lookup, true);
      const ids = tickets.map((t) => t.id);
      const pseudonyms = tickets.reduce(
        (n, t) => n + [t.requesterEmailHash, t.requesterPhoneHash, t.requesterExternalHash].filter(Boolean).length,
        0,
      );
      let freeTexts = 0;
      if (ids.length > 0) {
        await unlinkRequester(tx.db, ids);
        freeTexts = await this.eraseFreeText(tx.db, ids);
      }
      const erased = { tickets: tickets.length, pseudonyms, freeTexts };
      await this.audit.append(
        {
          actor: by.tokenId,
          action: 'privacy.erased',
          subjectType: 'privacy_request',
          subjectId: requestId,
          details: { ...erased, ticketIds: tickets.map((t) => t.id) },
        },
        tx.db,
      );
      this.logger.log({ requestId, ...erased }, 'subject erased');
      return { requestId, erased };
    });
  }

  /**
   * Consent evidence, escalation reasons and approval-link notes on these tickets replaced by ERASED_TEXT. Consents scoped to
   * an organisation's problem are left alone: they cover many requesters and are no one's ticket.
   */
  private async eraseFreeText(db: Db, ticketIds: string[]): Promise<number> {
    // A customer's note on an approval link is free text about the ticket too.
    return (await eraseSubjectConsentText(db, ticketIds, ERASED_TEXT)) + (await eraseApprovalNotes(db, ticketIds, ERASED_TEXT));
  }

  /** Candidate pseudonyms per identifier given; at least one identifier is required. */
  private lookup(request: SubjectRequest): Map<PseudonymKind, string[]> {
    const lookup = new Map<PseudonymKind, string[]>();
    for (const kind of ['email', 'phone'] as const) {
      const value = request[kind];
      if (value === undefined) continue;
      const candidates = this.pseudonyms.candidates(kind, value);
      if (candidates.length === 0) throw ApiError.badRequest(kind, 'must not be empty');
      lookup.set(kind, candidates);
    }
    this.externalUser(request, lookup);
    if (lookup.size === 0) throw ApiError.badRequest('email', 'email, phone or source with externalUserId is required');
    return lookup;
  }

  /** A requester known to the ticketing system only by its own id (Jira Cloud sends no email). */
  private externalUser(request: SubjectRequest, lookup: Map<PseudonymKind, string[]>): void {
    if (request.source === undefined && request.externalUserId === undefined) return;
    if (!request.source || !request.externalUserId?.trim()) {
      throw ApiError.badRequest(request.source ? 'externalUserId' : 'source', 'source and externalUserId go together');
    }
    lookup.set('external_user', this.pseudonyms.candidates('external_user', `${request.source}:${request.externalUserId}`));
  }

  private async findTickets(db: Db, lookup: Map<PseudonymKind, string[]>, forUpdate = false) {
    const matched = new Map<string, Set<PseudonymKind>>();
    const byId = new Map<string, TicketEntity>();
    for (const [kind, candidates] of lookup) {
      const found = await ticketsByRequesterPseudonym(db, kind, candidates, { lock: forUpdate });
      for (const t of found) {
        byId.set(t.id, t);
        matched.set(t.id, (matched.get(t.id) ?? new Set<PseudonymKind>()).add(kind));
      }
    }
    const tickets = [...byId.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    return { tickets, matched };
  }
}
