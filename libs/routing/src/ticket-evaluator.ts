import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { OrganizationEntity } from '@eea/agents';
import { Clock, PolicyStore } from '@eea/config';
import { consentsForTicket } from '@eea/consent';
import { ConsentFacts, TicketEvaluation, Tier, evaluateTicket } from '@eea/policy';
import { TicketEntity } from '@eea/tickets';
import { EvaluatedTicket, sourceMaySpeakFor, ticketOrganizations, ticketTier, tierAndConsents } from './ticket-context';
import { ticketFacts } from './ticket-facts';

/**
 * Gathers everything the policy needs about one ticket (its organisation's tier, the consents that
 * may cover it, the time) and evaluates it. Router, claims and read checks all come through here,
 * so they can never disagree.
 */
@Injectable()
export class TicketEvaluator {
  constructor(
    private readonly policy: PolicyStore,
    private readonly clock: Clock,
  ) {}

  async evaluate(manager: EntityManager, ticket: TicketEntity, now = this.clock.now()): Promise<EvaluatedTicket> {
    const { tier, consents, sourceVerified } = await tierAndConsents(manager, ticket, now);
    return this.evaluateWith(ticket, tier, consents, now, sourceVerified);
  }

  /** The evaluation from facts the caller has already read (in the same snapshot as the ticket). */
  evaluateWith(
    ticket: TicketEntity,
    tier: Tier | null,
    consents: ConsentFacts[],
    now: Date,
    sourceVerified = true,
  ): EvaluatedTicket {
    const evaluation = evaluateTicket(this.policy.current(), ticketFacts(ticket, tier), consents, now);
    if (!sourceVerified) flagUnverifiedSource(evaluation, ticket);
    return { evaluation, consents, now };
  }

  /**
   * The same evaluation for a page of tickets with one organisation query. Consents are looked up
   * only for tickets stored as restricted: for any other, a missing consent can only narrow the pool.
   */
  async evaluateMany(manager: EntityManager, tickets: TicketEntity[], now = this.clock.now()): Promise<EvaluatedTicket[]> {
    const orgIds = [...new Set(tickets.flatMap((t) => [t.organizationId, ...(t.organizationIds ?? [])]))];
    const orgs = orgIds.length
      ? await manager.find(OrganizationEntity, {
          where: { id: In(orgIds) },
          select: { id: true, supportTier: true, sources: true },
        })
      : [];
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const tiers = new Map(orgs.map((o) => [o.id, o.supportTier as Tier]));
    const out: EvaluatedTicket[] = [];
    for (const t of tickets) {
      const verified = ticketOrganizations(t).every((id) => sourceMaySpeakFor(byId.get(id), t.source));
      const consents =
        t.jurisdiction === 'NON_EEA' ? [] : await consentsForTicket(manager, verified ? t : { ...t, problemRef: null }, now);
      out.push(this.evaluateWith(t, verified ? ticketTier(t, tiers) : null, consents, now, verified));
    }
    return out;
  }

  now(): Date {
    return this.clock.now();
  }
}

/** Flags and explains a ticket whose source does not speak for its organisation (see `sourceVerifiedSql`). */
function flagUnverifiedSource(evaluation: TicketEvaluation, ticket: TicketEntity): void {
  evaluation.flags.push('unverified_source');
  evaluation.trace.unshift({
    rule: 'source',
    outcome: 'unverified',
    detail: `source ${ticket.source} is not one organisation ${ticket.organizationId} names: evaluated as an unknown organisation, without its problem-wide consents (fail closed)`,
  });
}
