import type { SubjectConsentRow } from '@eea/consent';
import { DecisionEntity, TicketAccessEntity, TicketEntity, toDecisionView, toTicketView } from '@eea/tickets';
import type { PseudonymKind } from './pseudonyms';

/** Bumped on any incompatible change of the document below; consumers switch on it. */
export const SUBJECT_EXPORT_FORMAT = 'eea-router.subject-export/v1';

/** By email, phone, or the ticketing system's own id of the requester (`source` + `externalUserId`). */
export interface SubjectRequest {
  email?: string;
  phone?: string;
  source?: string;
  externalUserId?: string;
}

/** Who processed the subject's ticket, from where, and whether it left the tier's countries. */
export interface ExportedAccess {
  agentId: string;
  country: string | null;
  action: 'claim' | 'read';
  transfer: boolean;
  consentId: string | null;
  at: string;
}

/**
 * A customer consent that covers the ticket or under which an agent accessed it: the safeguard for a
 * transfer (Art. 15(2)). Who approved it and the evidence are the customer's records, not the subject's.
 */
export interface ExportedConsent {
  id: string;
  scope: 'ticket' | 'problem';
  countries: string[];
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** The columns of `consents` the export reads. */
export type ConsentRow = SubjectConsentRow;

export type ExportedTicket = ReturnType<typeof toTicketView> & {
  matchedBy: PseudonymKind[];
  decisions: ReturnType<typeof toDecisionView>[];
  accesses: ExportedAccess[];
  consents: ExportedConsent[];
};

/**
 * The one JSON document a data subject receives (GDPR Art. 15): every ticket linked to them, the routing
 * decisions taken about it, every access by an agent and the consents behind transfers. The identifiers themselves are not echoed:
 * the requester already knows them and the document may travel.
 */
export interface SubjectExport {
  format: typeof SUBJECT_EXPORT_FORMAT;
  requestId: string;
  generatedAt: string;
  subject: { matchedBy: PseudonymKind[] };
  tickets: ExportedTicket[];
}

export interface ExportRows {
  tickets: TicketEntity[];
  decisions: DecisionEntity[];
  accesses: TicketAccessEntity[];
  /** Consents scoped to one of the tickets, or named by one of the accesses. */
  consents: ConsentRow[];
  /** Per ticket id, which identifiers linked it to the subject. */
  matched: Map<string, Set<PseudonymKind>>;
}

export function buildSubjectExport(rows: ExportRows, requestId: string, generatedAt: Date): SubjectExport {
  const tickets = rows.tickets.map((t): ExportedTicket => ({
    ...toTicketView(t),
    matchedBy: [...(rows.matched.get(t.id) ?? [])].sort(),
    decisions: rows.decisions.filter((d) => d.ticketId === t.id).map(toDecisionView),
    accesses: rows.accesses
      .filter((a) => a.ticketId === t.id)
      .map((a) => ({
        agentId: a.agentId,
        country: a.country,
        action: a.action,
        transfer: a.transfer,
        consentId: a.consentId,
        at: a.at.toISOString(),
      })),
    consents: consentsOf(t.id, rows),
  }));
  const kinds = new Set(tickets.flatMap((t) => t.matchedBy));
  return {
    format: SUBJECT_EXPORT_FORMAT,
    requestId,
    generatedAt: generatedAt.toISOString(),
    subject: { matchedBy: [...kinds].sort() },
    tickets,
  };
}

function consentsOf(ticketId: string, rows: ExportRows): ExportedConsent[] {
  const used = new Set(rows.accesses.filter((a) => a.ticketId === ticketId && a.consentId !== null).map((a) => a.consentId));
  return rows.consents
    .filter((c) => c.ticketId === ticketId || used.has(c.id))
    .map((c) => ({
      id: c.id,
      scope: c.ticketId ? 'ticket' : 'problem',
      countries: c.countries,
      grantedAt: c.grantedAt.toISOString(),
      expiresAt: c.expiresAt.toISOString(),
      revokedAt: c.revokedAt?.toISOString() ?? null,
    }));
}
