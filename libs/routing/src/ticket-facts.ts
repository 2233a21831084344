import { Severity, TicketFacts, Tier } from '@eea/policy';
import { TicketEntity } from '@eea/tickets';

export function ticketFacts(t: TicketEntity, organizationTier: Tier | null): TicketFacts {
  return {
    region: t.region,
    severity: t.severity as Severity,
    tier: organizationTier,
    category: t.category,
    skills: t.skills,
    escalationCountry: t.escalationCountry,
  };
}
