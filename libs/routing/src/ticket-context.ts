import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { OrganizationEntity } from '@eea/agents';
import { Clock, PolicyStore } from '@eea/config';
import { consentsForTicket } from '@eea/consent';
import { ConsentFacts, TicketEvaluation, Tier, evaluateTicket, isConsentActive } from '@eea/policy';
import { TicketEntity } from '@eea/tickets';
import { ticketFacts } from './ticket-facts';

export interface EvaluatedTicket { evaluation: TicketEvaluation; consents: ConsentFacts[]; now: Date }

/** The active consent that lets `country` in, for the transfer record. */
export function consentFor(e: EvaluatedTicket, country: string | null): string | null {
  if (!country) return null;
  return e.consents.find((c) => isConsentActive(c, e.now) && c.countries.includes(country))?.id ?? null;
}

/**
 * Gathers everything the policy needs about one ticket (its organisation's tier, the consents that
 * may cover it, the time) and evaluates it. Router, claims and read checks all come through here,
 * so they can never disagree.
 */
@Injectable()
export class TicketEvaluator {
  constructor(private readonly policy: PolicyStore, private readonly clock: Clock) {}

  async evaluate(manager: EntityManager, ticket: TicketEntity, now = this.clock.now()): Promise<EvaluatedTicket> {
    const org = await manager.findOne(OrganizationEntity, { where: { id: ticket.organizationId }, select: { supportTier: true } });
    const consents = await consentsForTicket(manager, ticket, now);
    const evaluation = evaluateTicket(this.policy.current(), ticketFacts(ticket, (org?.supportTier as Tier) ?? null), consents, now);
    return { evaluation, consents, now };
  }

  /**
   * The same evaluation for a page of tickets with one organisation query. Consents are looked up
   * only for tickets stored as restricted: for any other, a missing consent can only narrow the pool.
   */
  async evaluateMany(manager: EntityManager, tickets: TicketEntity[], now = this.clock.now()): Promise<EvaluatedTicket[]> {
    const orgIds = [...new Set(tickets.map((t) => t.organizationId))];
    const orgs = orgIds.length ? await manager.find(OrganizationEntity, { where: { id: In(orgIds) }, select: { id: true, supportTier: true } }) : [];
    const tiers = new Map(orgs.map((o) => [o.id, o.supportTier as Tier]));
    const policy = this.policy.current();
    const out: EvaluatedTicket[] = [];
    for (const t of tickets) {
      const consents = t.jurisdiction === 'NON_EEA' ? [] : await consentsForTicket(manager, t, now);
      out.push({ evaluation: evaluateTicket(policy, ticketFacts(t, tiers.get(t.organizationId) ?? null), consents, now), consents, now });
    }
    return out;
  }

  now(): Date {
    return this.clock.now();
  }
}
