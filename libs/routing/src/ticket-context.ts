import type { OrganizationFacts } from '@eea/agents';
import { ConsentFacts, TicketEvaluation, Tier, isConsentActive } from '@eea/policy';
import type { TicketEntity } from '@eea/tickets';

export interface EvaluatedTicket {
  evaluation: TicketEvaluation;
  consents: ConsentFacts[];
  now: Date;
}

/** The active consent that lets `country` in, for the transfer record. */
export function consentFor(e: EvaluatedTicket, country: string | null): string | null {
  if (!country) return null;
  return e.consents.find((c) => isConsentActive(c, e.now) && c.countries.includes(country))?.id ?? null;
}

/** Every organisation a ticket names: its own and, from a source that sends several, all of them. */
export function ticketOrganizations(t: Pick<TicketEntity, 'organizationId' | 'organizationIds'>): string[] {
  return t.organizationIds?.length ? [t.organizationId, ...t.organizationIds] : [t.organizationId];
}

/**
 * Whether a source may speak for an organisation already read (the rule of the ticket store's
 * `tierAndConsentsSql`): one that names its sources is believed only from them; unknown: nothing to believe or doubt.
 */
export function sourceMaySpeakFor(org: Pick<OrganizationFacts, 'sources'> | undefined, source: string): boolean {
  return !org || org.sources.length === 0 || org.sources.includes(source);
}

/**
 * The tier over tiers already read (the rule of the ticket store's `tierAndConsentsSql`): a ticket naming
 * several organisations takes the most restrictive, and none when one of them is unknown.
 */
export function ticketTier(t: Pick<TicketEntity, 'organizationId' | 'organizationIds'>, tiers: Map<string, Tier>): Tier | null {
  const ids = t.organizationIds?.length ? t.organizationIds : [t.organizationId];
  const found = ids.map((id) => tiers.get(id));
  if (found.some((tier) => tier === undefined)) return null;
  return found.includes('eea_only') ? 'eea_only' : (found[0] ?? null);
}
