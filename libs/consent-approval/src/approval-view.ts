import type { CompiledPolicy } from '@eea/policy';
import type { ConsentEntity } from '@eea/consent';
import { ApprovalContext, approvalStatus } from './approval-status';

/**
 * The consent as the customer's approver sees it through their link: what it allows and for how long.
 * No names and no evidence: the link is a bearer credential that may be forwarded, so it shows no
 * personal data (SPEC 9).
 */
export function toPublicConsentView(c: ConsentEntity, now: Date) {
  return {
    id: c.id,
    scope: c.ticketId ? ('ticket' as const) : ('problem' as const),
    countries: c.countries,
    status: c.revokedAt ? ('revoked' as const) : c.expiresAt <= now ? ('expired' as const) : ('active' as const),
    approvedVia: c.approvedVia,
    grantedAt: c.grantedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
  };
}
export type PublicConsentView = ReturnType<typeof toPublicConsentView>;

/** GET /v1/approvals/:token (SPEC 9), plus the durations the approver may choose from. */
export function toApprovalView(c: ApprovalContext, now: Date, policy: Pick<CompiledPolicy, 'consent'>) {
  return {
    request: {
      id: c.request.id,
      ticketExternalId: c.ticket?.externalId ?? null,
      organizationId: c.ticket?.organizationId ?? null,
      severity: c.ticket?.severity ?? null,
      country: c.request.country,
      reason: c.request.reason,
      // Requests come from a ticket's escalation: the consent they lead to covers that ticket.
      scope: 'ticket' as const,
      expiresAt: c.link.expiresAt.toISOString(),
      defaultDurationDays: policy.consent.defaultDurationDays,
      maxDurationDays: policy.consent.maxDurationDays,
    },
    status: approvalStatus(c, now),
    ...(c.consent ? { consent: toPublicConsentView(c.consent, now) } : {}),
  };
}
