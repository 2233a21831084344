import type { ConsentRequestEntity } from './consent-request.entity';
import type { ConsentEntity } from './consent.entity';

export type ConsentStatus = 'active' | 'expired' | 'revoked';

/**
 * The consent as managers and auditors see it. It includes who at the customer approved it: that is
 * the point of the record. It is shown here and stored in `consents` only, never in logs, audit or jobs.
 */
export function toConsentView(c: ConsentEntity, now: Date) {
  const status: ConsentStatus = c.revokedAt ? 'revoked' : c.expiresAt <= now ? 'expired' : 'active';
  return {
    id: c.id,
    scope: c.ticketId ? ('ticket' as const) : ('problem' as const),
    ticketId: c.ticketId,
    organizationId: c.organizationId,
    problemRef: c.problemRef,
    countries: c.countries,
    approvedBy: { name: c.approvedByName, role: c.approvedByRole },
    evidence: c.evidence,
    consentRequestId: c.consentRequestId,
    approvedVia: c.approvedVia,
    status,
    grantedAt: c.grantedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
  };
}
export type ConsentView = ReturnType<typeof toConsentView>;

export function toConsentRequestView(r: ConsentRequestEntity) {
  return {
    id: r.id,
    ticketId: r.ticketId,
    organizationId: r.organizationId,
    externalId: r.externalId,
    requestedBy: r.requestedByAgentId,
    /** Kept for clients written before `requestedBy`. */
    requestedByAgentId: r.requestedByAgentId,
    country: r.country,
    reason: r.reason,
    status: r.status,
    consentId: r.consentId,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  };
}
