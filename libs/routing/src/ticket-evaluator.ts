import { Injectable } from '@nestjs/common';
import { organizationFacts } from '@eea/agents';
import { Clock, PolicyStore } from '@eea/config';
import type { Db } from '@eea/database';
import { ConsentFacts, TicketEvaluation, Tier, evaluateTicket } from '@eea/policy';
import { TicketEntity, readTierAndConsents } from '@eea/tickets';
import { EvaluatedTicket, sourceMaySpeakFor, ticketOrganizations, ticketTier } from './ticket-context';
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

  async evaluate(db: Db, ticket: TicketEntity, now = this.clock.now()): Promise<EvaluatedTicket> {
    const { tier, consents, sourceVerified } = await readTierAndConsents(db, ticket, now);
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
   * The same evaluation for a page of tickets. A ticket stored as restricted is read as `evaluate` reads
   * it (tier and consents in one statement); the others share one organisation query and no consent
   * lookup: for them, a missing consent can only narrow the pool.
   */
  async evaluateMany(db: Db, tickets: TicketEntity[], now = this.clock.now()): Promise<EvaluatedTicket[]> {
    const open = tickets.filter((t) => t.jurisdiction === 'NON_EEA');
    const orgs = await organizationFacts(db, [...new Set(open.flatMap(ticketOrganizations))]);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const tiers = new Map(orgs.map((o) => [o.id, o.supportTier as Tier]));
    const out: EvaluatedTicket[] = [];
    for (const t of tickets) {
      if (t.jurisdiction !== 'NON_EEA') {
        out.push(await this.evaluate(db, t, now));
        continue;
      }
      const verified = ticketOrganizations(t).every((id) => sourceMaySpeakFor(byId.get(id), t.source));
      out.push(this.evaluateWith(t, verified ? ticketTier(t, tiers) : null, [], now, verified));
    }
    return out;
  }

  now(): Date {
    return this.clock.now();
  }
}

/** Flags and explains a ticket whose source does not speak for its organisation (see the ticket store's `tierAndConsentsSql`). */
function flagUnverifiedSource(evaluation: TicketEvaluation, ticket: TicketEntity): void {
  evaluation.flags.push('unverified_source');
  evaluation.trace.unshift({
    rule: 'source',
    outcome: 'unverified',
    detail: `source ${ticket.source} is not one organisation ${ticket.organizationId} names: evaluated as an unknown organisation, without its problem-wide consents (fail closed)`,
  });
}
