import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@eea/audit';
import { Clock } from '@eea/config';
import { queryRows } from '@eea/database';
import { ApiError } from '@eea/http';
import { DecisionEntity, TicketAccessEntity, TicketEntity } from '@eea/tickets';
import { PseudonymKind, PseudonymService } from './pseudonyms';
import { ConsentRow, SubjectExport, SubjectRequest, buildSubjectExport } from './subject-export';

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

const COLUMN: Record<PseudonymKind, 'requesterEmailHash' | 'requesterPhoneHash' | 'requesterExternalHash'> = {
  email: 'requesterEmailHash',
  phone: 'requesterPhoneHash',
  external_user: 'requesterExternalHash',
};

/**
 * Data-subject requests (GDPR Art. 15 and 17). A subject is found by the pseudonyms of their email and
 * phone under every configured key, so rotation never hides anyone. Audit entries carry counts and a
 * request id only: the audit log outlives erasure and must not become a way back to the person.
 */
@Injectable()
export class PrivacyRequestService {
  private readonly logger = new Logger(PrivacyRequestService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const document = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const { tickets, matched } = await this.findTickets(m, lookup);
      const ids = tickets.map((t) => t.id);
      const [decisions, accesses] =
        ids.length === 0
          ? [[], []]
          : await Promise.all([
              m.find(DecisionEntity, { where: { ticketId: In(ids) }, order: { at: 'ASC' } }),
              m.find(TicketAccessEntity, { where: { ticketId: In(ids) }, order: { at: 'ASC' } }),
            ]);
      const consents =
        ids.length === 0
          ? []
          : await queryRows<ConsentRow>(
              m,
              `SELECT id, ticket_id AS "ticketId", countries, granted_at AS "grantedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
           FROM consents WHERE ticket_id = ANY($1) OR id = ANY($2) ORDER BY granted_at, id`,
              [ids, [...new Set(accesses.map((a) => a.consentId).filter((id) => id !== null))]],
            );
      return buildSubjectExport({ tickets, decisions, accesses, consents, matched }, requestId, this.clock.now());
    });
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
    return this.dataSource.transaction(async (m) => {
      const { tickets } = await this.findTickets(m, lookup, true);
      const ids = tickets.map((t) => t.id);
      const pseudonyms = tickets.reduce(
        (n, t) => n + [t.requesterEmailHash, t.requesterPhoneHash, t.requesterExternalHash].filter(Boolean).length,
        0,
      );
      let freeTexts = 0;
      if (ids.length > 0) {
        await m.update(
          TicketEntity,
          { id: In(ids) },
          { requesterEmailHash: null, requesterPhoneHash: null, requesterExternalHash: null },
        );
        freeTexts = await this.eraseFreeText(m, ids);
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
        m,
      );
      this.logger.log({ requestId, ...erased }, 'subject erased');
      return { requestId, erased };
    });
  }

  /**
   * Consent evidence, escalation reasons and approval-link notes on these tickets replaced by ERASED_TEXT. Consents scoped to
   * an organisation's problem are left alone: they cover many requesters and are no one's ticket.
   */
  private async eraseFreeText(m: EntityManager, ticketIds: string[]): Promise<number> {
    const consents = await queryRows(
      m,
      `UPDATE consents SET evidence = $2 WHERE ticket_id = ANY($1) AND evidence <> $2 RETURNING id`,
      [ticketIds, ERASED_TEXT],
    );
    const requests = await queryRows(
      m,
      `UPDATE consent_requests SET reason = $2 WHERE ticket_id = ANY($1) AND reason <> $2 RETURNING id`,
      [ticketIds, ERASED_TEXT],
    );
    // A customer's note on an approval link is free text about the ticket too.
    const notes = await queryRows(
      m,
      `UPDATE approval_links l SET note = $2 FROM consent_requests r
      WHERE l.consent_request_id = r.id AND r.ticket_id = ANY($1) AND l.note IS NOT NULL AND l.note <> $2 RETURNING l.id`,
      [ticketIds, ERASED_TEXT],
    );
    return consents.length + requests.length + notes.length;
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

  private async findTickets(m: EntityManager, lookup: Map<PseudonymKind, string[]>, forUpdate = false) {
    const matched = new Map<string, Set<PseudonymKind>>();
    const byId = new Map<string, TicketEntity>();
    for (const [kind, candidates] of lookup) {
      const found = await m.find(TicketEntity, {
        where: { [COLUMN[kind]]: In(candidates) },
        order: { createdAt: 'ASC' },
        ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      for (const t of found) {
        byId.set(t.id, t);
        matched.set(t.id, (matched.get(t.id) ?? new Set<PseudonymKind>()).add(kind));
      }
    }
    const tickets = [...byId.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    return { tickets, matched };
  }
}
