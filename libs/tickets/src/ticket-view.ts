import { DecisionEntity } from './decision.entity';
import { TicketEntity } from './ticket.entity';

/** The ticket as the API shows it (SPEC 4). Requester pseudonyms are never part of it. */
export function toTicketView(t: TicketEntity, urlTemplate?: string) {
  return {
    id: t.id,
    source: t.source,
    externalId: t.externalId,
    /** Jira's issue key (follows moves); null for other sources. */
    externalKey: t.externalKey ?? null,
    organizationId: t.organizationId,
    region: t.region,
    regionCountry: t.regionCountry,
    jurisdiction: t.jurisdiction,
    tier: t.tier,
    severity: t.severity,
    category: t.category,
    skills: t.skills,
    problemRef: t.problemRef,
    status: t.status,
    allowedCountries: t.allowedCountries ?? '*',
    deferredUntil: t.deferredUntil?.toISOString() ?? null,
    assigneeId: t.assigneeId,
    escalationCountry: t.escalationCountry,
    flags: t.flags,
    policyVersion: t.policyVersion,
    ...(urlTemplate && ticketUrl(urlTemplate, t) ? { url: ticketUrl(urlTemplate, t) } : {}),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type TicketView = ReturnType<typeof toTicketView>;

/**
 * TICKET_URL_TEMPLATE filled in. A template with `{externalKey}` (Jira's issue key) gives no link for
 * a ticket without a key (another source): a wrong link is worse than none.
 */
export function ticketUrl(template: string, t: Pick<TicketEntity, 'externalId' | 'externalKey'>): string | null {
  if (template.includes('{externalKey}') && !t.externalKey) return null;
  return template
    .replaceAll('{externalId}', encodeURIComponent(t.externalId))
    .replaceAll('{externalKey}', encodeURIComponent(t.externalKey ?? ''));
}

export function toDecisionView(d: DecisionEntity) {
  return {
    id: d.id,
    ticketId: d.ticketId,
    at: d.at.toISOString(),
    trigger: d.trigger,
    policyVersion: d.policyVersion,
    outcome: d.outcome,
    allowedCountries: d.allowedCountries ?? '*',
    deferredUntil: d.deferredUntil?.toISOString() ?? null,
    flags: d.flags,
    trace: d.trace,
  };
}
