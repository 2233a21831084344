import { Db, runOne, sql } from '@eea/database';
import type { ConsentFacts, Tier } from '@eea/policy';
import { consentColumns, consentCoversTicket } from './consent-coverage';
import type { TicketEntity } from './ticket.entity';

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

/**
 * Select-list SQL for the tier (`tier`), whether the source may speak for the organisation
 * (`source_verified`) and the consents that may cover one ticket (`consents`, JSON: not revoked, not yet
 * expired, covering it by `consentCoversTicket`), given SQL expressions for the ticket's columns and now.
 * The policy engine decides which of the consents are active at `now`.
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
  const problem = `(CASE WHEN ${verified} THEN ${p.problem}::text END)`;
  const covers = consentCoversTicket(consentColumns('c'), { id: p.id, organizationId: p.org, problemRef: problem });
  return `(CASE WHEN ${verified} THEN ${tierSql(p.org, p.orgs)} END) AS tier, ${verified} AS source_verified,
      COALESCE((SELECT json_agg(json_build_object('id', c.id, 'countries', c.countries, 'grantedAt', c.granted_at,
                  'expiresAt', c.expires_at, 'revokedAt', c.revoked_at) ORDER BY c.granted_at, c.id)
          FROM consents c
         WHERE c.revoked_at IS NULL AND c.expires_at > ${p.now} AND ${covers}), '[]') AS consents`;
}

export interface TierAndConsentsRow {
  tier: Tier | null;
  consents: ConsentJson[];
  source_verified: boolean;
}

interface ConsentJson {
  id: string;
  countries: string[];
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
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

const TIER_AND_CONSENTS = sql<TierAndConsentsRow>(
  'tickets.tier_and_consents',
  `SELECT ${tierAndConsentsSql({ id: '$1', org: '$2', orgs: '$6', problem: '$4', now: '$3', source: '$5' })}`,
  { prepare: true },
);

/**
 * The organisation's tier and the consents that may cover the ticket, read live in one round trip
 * (never cached: a tier change or a revocation takes effect on the very next evaluation).
 */
export async function readTierAndConsents(
  db: Db,
  t: Pick<TicketEntity, 'id' | 'organizationId' | 'organizationIds' | 'problemRef' | 'source'>,
  now: Date,
): Promise<TierAndConsents> {
  const row = await runOne(db, TIER_AND_CONSENTS, [
    t.id,
    t.organizationId,
    now,
    t.problemRef,
    t.source,
    t.organizationIds ?? null,
  ]);
  return parseTierAndConsents(row!);
}
