import { EntityManager } from 'typeorm';
import type { OrganizationEntity } from '@eea/agents';
import { preparedStatement, queryPrepared } from '@eea/database';
import { consentScopeSql } from '@eea/consent';
import { ConsentFacts, TicketEvaluation, Tier, isConsentActive } from '@eea/policy';
import { TicketEntity } from '@eea/tickets';

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

/**
 * The organisation's tier and the consents that may cover the ticket, read live in one round trip
 * (never cached: a tier change or a revocation takes effect on the very next evaluation). The
 * consent scope is the consent lib's one definition; the policy engine decides which are active at `now`.
 */
export async function tierAndConsents(manager: EntityManager, t: TicketEntity, now: Date): Promise<TierAndConsents> {
  const [row] = await queryPrepared<TierAndConsentsRow>(manager, TIER_AND_CONSENTS, [
    t.id,
    t.organizationId,
    now,
    t.problemRef,
    t.source,
    t.organizationIds ?? null,
  ]);
  return parseTierAndConsents(row);
}

export interface TierAndConsents {
  tier: Tier | null;
  consents: ConsentFacts[];
  sourceVerified: boolean;
}

/**
 * Whether the ticket's source may speak for its organisation: an organisation that names its sources
 * (`PUT /v1/organizations/:id {sources}`) is believed only from them. A delivery from another source
 * naming it is evaluated fail closed: as an unknown organisation (EEA-only) and without the
 * organisation's problem-wide consents, so that naming someone else's organisation or problem never
 * widens who may see a ticket. Unknown organisations and ones that name no sources: true.
 */
function sourceVerifiedSql(p: { org: string; orgs: string; source: string }): string {
  return `COALESCE((SELECT bool_and(cardinality(o.sources) = 0 OR ${p.source} = ANY(o.sources)) FROM organizations o
      WHERE o.id = ${p.org} OR o.id = ANY(COALESCE(${p.orgs}::text[], '{}'))), true)`;
}

/** Every organisation a ticket names: its own and, from a source that sends several, all of them. */
export function ticketOrganizations(t: Pick<TicketEntity, 'organizationId' | 'organizationIds'>): string[] {
  return t.organizationIds?.length ? [t.organizationId, ...t.organizationIds] : [t.organizationId];
}

/** The rule of `sourceVerifiedSql` over an organisation already read (unknown: nothing to believe or doubt). */
export function sourceMaySpeakFor(org: Pick<OrganizationEntity, 'sources'> | undefined, source: string): boolean {
  return !org || org.sources.length === 0 || org.sources.includes(source);
}

/**
 * Select-list SQL for the tier (`tier`) and the covering consents (`consents`, JSON) of one ticket,
 * given SQL expressions for its id, organisation, problem reference and now.
 */
export function tierAndConsentsSql(p: {
  id: string;
  org: string;
  orgs: string;
  problem: string;
  now: string;
  source: string;
}): string {
  const verified = sourceVerifiedSql(p);
  const problem = `(CASE WHEN ${verified} THEN ${p.problem} END)`;
  return `(CASE WHEN ${verified} THEN ${tierSql(p.org, p.orgs)} END) AS tier, ${verified} AS source_verified,
      COALESCE((SELECT json_agg(json_build_object('id', c.id, 'countries', c.countries, 'grantedAt', c.granted_at,
                  'expiresAt', c.expires_at, 'revokedAt', c.revoked_at) ORDER BY c.granted_at, c.id)
          FROM consents c
         WHERE ${consentScopeSql({ ...p, problem })}), '[]') AS consents`;
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
  return found.includes('eea_only') ? 'eea_only' : (found[0] ?? null);
}

export interface TierAndConsentsRow {
  tier: Tier | null;
  consents: ConsentJson[];
  source_verified: boolean;
}

export function parseTierAndConsents(row: TierAndConsentsRow): TierAndConsents {
  const consents = row.consents.map((c) => ({
    id: c.id,
    countries: c.countries,
    grantedAt: new Date(c.grantedAt),
    expiresAt: new Date(c.expiresAt),
    revokedAt: c.revokedAt === null ? null : new Date(c.revokedAt),
  }));
  return { tier: row.tier, consents, sourceVerified: row.source_verified !== false };
}

const TIER_AND_CONSENTS = preparedStatement(
  'ticket_tier_and_consents',
  `SELECT ${tierAndConsentsSql({ id: '$1', org: '$2', orgs: '$6', problem: '$4', now: '$3', source: '$5' })}`,
);

interface ConsentJson {
  id: string;
  countries: string[];
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}
