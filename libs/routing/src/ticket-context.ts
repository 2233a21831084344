import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { OrganizationEntity } from '@eea/agents';
import { Clock, PolicyStore } from '@eea/config';
import { preparedStatement, queryPrepared } from '@eea/database';
import { consentScopeSql, consentsForTicket } from '@eea/consent';
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
 * The organisation's tier and the consents that may cover the ticket, read live in one round trip
 * (never cached: a tier change or a revocation takes effect on the very next evaluation). The
 * consent scope is the consent lib's one definition; the policy engine decides which are active at `now`.
 */
async function tierAndConsents(manager: EntityManager, t: TicketEntity, now: Date): Promise<{ tier: Tier | null; consents: ConsentFacts[] }> {
  const [row] = await queryPrepared<TierAndConsentsRow>(manager, TIER_AND_CONSENTS, [t.id, t.organizationId, now, t.problemRef, t.organizationIds ?? null]);
  return parseTierAndConsents(row);
}

/**
 * Select-list SQL for the tier (`tier`) and the covering consents (`consents`, JSON) of one ticket,
 * given SQL expressions for its id, organisation, problem reference and now.
 */
export function tierAndConsentsSql(p: { id: string; org: string; orgs: string; problem: string; now: string }): string {
  return `${tierSql(p.org, p.orgs)} AS tier,
      COALESCE((SELECT json_agg(json_build_object('id', c.id, 'countries', c.countries, 'grantedAt', c.granted_at,
                  'expiresAt', c.expires_at, 'revokedAt', c.revoked_at) ORDER BY c.granted_at, c.id)
          FROM consents c
         WHERE ${consentScopeSql(p)}), '[]') AS consents`;
}

/**
 * The organisation's tier; a ticket naming several organisations (`orgs`, null otherwise) takes the
 * most restrictive of their tiers, and none when one of them is unknown (the policy then fails closed).
 */
function tierSql(org: string, orgs: string): string {
  return `(CASE WHEN ${orgs}::text[] IS NULL THEN (SELECT support_tier FROM organizations WHERE id = ${org})
      ELSE (SELECT CASE WHEN count(*) < cardinality(${orgs}::text[]) THEN NULL
                        WHEN bool_or(support_tier = 'eea_only') THEN 'eea_only' ELSE min(support_tier) END
              FROM organizations WHERE id = ANY(${orgs}::text[])) END)`;
}

/** The same rule over tiers already read: most restrictive, unknown if any is unknown. */
export function ticketTier(t: Pick<TicketEntity, 'organizationId' | 'organizationIds'>, tiers: Map<string, Tier>): Tier | null {
  const ids = t.organizationIds?.length ? t.organizationIds : [t.organizationId];
  const found = ids.map((id) => tiers.get(id));
  if (found.some((tier) => tier === undefined)) return null;
  return found.includes('eea_only') ? 'eea_only' : found[0] ?? null;
}

export interface TierAndConsentsRow { tier: Tier | null; consents: ConsentJson[] }

export function parseTierAndConsents(row: TierAndConsentsRow): { tier: Tier | null; consents: ConsentFacts[] } {
  const consents = row.consents.map((c) => ({
    id: c.id, countries: c.countries, grantedAt: new Date(c.grantedAt), expiresAt: new Date(c.expiresAt),
    revokedAt: c.revokedAt === null ? null : new Date(c.revokedAt),
  }));
  return { tier: row.tier, consents };
}

const TIER_AND_CONSENTS = preparedStatement('ticket_tier_and_consents',
  `SELECT ${tierAndConsentsSql({ id: '$1', org: '$2', orgs: '$5', problem: '$4', now: '$3' })}`);

interface ConsentJson { id: string; countries: string[]; grantedAt: string; expiresAt: string; revokedAt: string | null }

/**
 * Gathers everything the policy needs about one ticket (its organisation's tier, the consents that
 * may cover it, the time) and evaluates it. Router, claims and read checks all come through here,
 * so they can never disagree.
 */
@Injectable()
export class TicketEvaluator {
  constructor(private readonly policy: PolicyStore, private readonly clock: Clock) {}

  async evaluate(manager: EntityManager, ticket: TicketEntity, now = this.clock.now()): Promise<EvaluatedTicket> {
    const { tier, consents } = await tierAndConsents(manager, ticket, now);
    return this.evaluateWith(ticket, tier, consents, now);
  }

  /** The evaluation from facts the caller has already read (in the same snapshot as the ticket). */
  evaluateWith(ticket: TicketEntity, tier: Tier | null, consents: ConsentFacts[], now: Date): EvaluatedTicket {
    return { evaluation: evaluateTicket(this.policy.current(), ticketFacts(ticket, tier), consents, now), consents, now };
  }

  /**
   * The same evaluation for a page of tickets with one organisation query. Consents are looked up
   * only for tickets stored as restricted: for any other, a missing consent can only narrow the pool.
   */
  async evaluateMany(manager: EntityManager, tickets: TicketEntity[], now = this.clock.now()): Promise<EvaluatedTicket[]> {
    const orgIds = [...new Set(tickets.flatMap((t) => [t.organizationId, ...(t.organizationIds ?? [])]))];
    const orgs = orgIds.length ? await manager.find(OrganizationEntity, { where: { id: In(orgIds) }, select: { id: true, supportTier: true } }) : [];
    const tiers = new Map(orgs.map((o) => [o.id, o.supportTier as Tier]));
    const policy = this.policy.current();
    const out: EvaluatedTicket[] = [];
    for (const t of tickets) {
      const consents = t.jurisdiction === 'NON_EEA' ? [] : await consentsForTicket(manager, t, now);
      out.push({ evaluation: evaluateTicket(policy, ticketFacts(t, ticketTier(t, tiers)), consents, now), consents, now });
    }
    return out;
  }

  now(): Date {
    return this.clock.now();
  }
}
