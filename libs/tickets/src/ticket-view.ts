import { DecisionEntity } from './decision.entity';
import { TicketEntity } from './ticket.entity';

/** The ticket as the API shows it (SPEC 4). Requester pseudonyms are never part of it. */
export function toTicketView(t: TicketEntity, urlTemplate?: string) {
  return {
    id: t.id,
    source: t.source,
    externalId: t.externalId,
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
    ...(urlTemplate ? { url: urlTemplate.replaceAll('{externalId}', encodeURIComponent(t.externalId)) } : {}),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type TicketView = ReturnType<typeof toTicketView>;

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
