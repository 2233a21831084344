import { attachPool } from './agent-eligibility';
import { policyModel, type PolicyModel } from './compiled-policy';
import { consentState } from './consent';
import { isIsoCountryCode } from './iso-countries';
import type {
  CompiledPolicy,
  ConsentFacts,
  Jurisdiction,
  Severity,
  TicketEvaluation,
  TicketFacts,
  Tier,
  TraceStep,
} from './policy.types';
import { SEVERITIES, TIERS } from './policy.types';
import { nextOpeningOf, scheduleFor } from './support-hours';

const NO_COUNTRIES: ReadonlySet<string> = new Set();

interface Context {
  readonly model: PolicyModel;
  readonly trace: TraceStep[];
  readonly flags: string[];
}

function step(ctx: Context, rule: string, outcome: string, detail: string): void {
  ctx.trace.push({ rule, outcome, detail });
}

/**
 * Applies SPEC 3 to one ticket at `now`: where may it be worked from, and may it be worked now?
 * Pure: the same facts, consents and instant always give the same evaluation.
 */
export function evaluateTicket(
  policy: CompiledPolicy,
  facts: TicketFacts,
  consents: readonly ConsentFacts[],
  now: Date,
): TicketEvaluation {
  const ctx: Context = { model: policyModel(policy), trace: [], flags: [] };
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid instant');
  if (!SEVERITIES.includes(facts.severity)) throw new RangeError(`severity must be 1-4, got ${String(facts.severity)}`);
  const { jurisdiction, regionCountry, tier, hoursTier } = classify(ctx, facts);
  const restricted = jurisdiction !== 'NON_EEA';
  const allowedCountries = restricted ? ctx.model.tiers[tier].allowed : '*';
  step(
    ctx,
    'location',
    restricted ? 'restricted' : 'unrestricted',
    restricted ? `agents in ${tier} countries: ${[...allowedCountries].sort().join(', ')}` : 'non-EEA ticket: any agent country',
  );
  const unlockedCountries = restricted ? unlockByConsent(ctx, consents, now) : skipConsent(ctx, consents);
  const deferredUntil = restricted ? checkHours(ctx, hoursTier, facts.severity, now) : openAllHours(ctx);
  const requiredSkills = [...new Set((facts.skills ?? []).filter((s) => s !== ''))].sort();
  step(ctx, 'skills', requiredSkills.length ? 'required' : 'none', requiredSkills.join(', ') || 'no skill required');
  const escalationCountry = facts.escalationCountry || null;
  const ev: TicketEvaluation = {
    policyVersion: ctx.model.version,
    jurisdiction,
    regionCountry,
    tier,
    flags: ctx.flags,
    restricted,
    allowedCountries,
    unlockedCountries,
    routable: deferredUntil === null,
    deferredUntil,
    requiredSkills,
    trace: ctx.trace,
    escalationCountry,
  };
  if (escalationCountry) explainEscalation(ctx, ev, escalationCountry);
  return attachPool(ev);
}

/** Where a ticket comes from and which tier's rules apply to it: the first steps of every evaluation. */
export interface TicketClassification {
  jurisdiction: Jurisdiction;
  regionCountry: string | null;
  tier: Tier;
  flags: string[];
}

/**
 * Only the classification steps of `evaluateTicket` (region, jurisdiction, tier, with their flags),
 * without consents, support hours or the agent pool: what intake stores before the router runs.
 */
export function classifyTicket(
  policy: CompiledPolicy,
  facts: Pick<TicketFacts, 'region' | 'tier' | 'category'>,
): TicketClassification {
  const ctx: Context = { model: policyModel(policy), trace: [], flags: [] };
  const { jurisdiction, regionCountry, tier } = classify(ctx, facts);
  return { jurisdiction, regionCountry, tier, flags: ctx.flags };
}

/**
 * `tier` decides who may work the ticket; `hoursTier` when. They differ only for an UNKNOWN region of a
 * known organisation: fail closed is about who may see the data, not when (SPEC 3.1), so a `standard`
 * organisation's unknown-region ticket gets the EEA-only countries and keeps its 24x7 hours.
 */
function classify(ctx: Context, facts: Pick<TicketFacts, 'region' | 'tier' | 'category'>) {
  const { jurisdiction, regionCountry } = resolveJurisdiction(ctx, facts.region);
  const hoursTier = resolveTier(ctx, facts, jurisdiction);
  const tier = restrictUnknownRegion(ctx, jurisdiction, hoursTier);
  return { jurisdiction, regionCountry, tier, hoursTier };
}

/** Jurisdiction comes from the region's country, never from its name (eu-central-2 is Zurich). */
function resolveJurisdiction(ctx: Context, region: string | null | undefined) {
  const regionCountry = region ? (ctx.model.regionCountry(region) ?? null) : null;
  if (regionCountry === null) {
    ctx.flags.push('unknown_region');
    step(ctx, 'region', 'UNKNOWN', region ? `region '${region}' is not in the policy` : 'no region given');
    return { jurisdiction: 'UNKNOWN' as Jurisdiction, regionCountry };
  }
  const jurisdiction: Jurisdiction = ctx.model.eea.has(regionCountry) ? 'EEA' : 'NON_EEA';
  step(ctx, 'region', jurisdiction, `${region} is in ${regionCountry}`);
  return { jurisdiction, regionCountry };
}

/**
 * Unknown organisation → eea_only. An excluded category moves a known organisation to the
 * exclusion tier; for an unknown one it is not applied (we cannot know the offer, so fail closed).
 * The tier returned also sets the support hours; for an UNKNOWN region see `restrictUnknownRegion`.
 */
function resolveTier(ctx: Context, facts: Pick<TicketFacts, 'tier' | 'category'>, jurisdiction: Jurisdiction): Tier {
  let tier: Tier;
  const organizationKnown = facts.tier != null && TIERS.includes(facts.tier);
  if (organizationKnown) {
    tier = facts.tier as Tier;
    step(ctx, 'organization', tier, `organisation tier ${tier}`);
  } else {
    tier = 'eea_only';
    ctx.flags.push('unknown_organization');
    step(ctx, 'organization', tier, 'organisation unknown: eea_only (fail closed)');
  }
  const category = facts.category;
  if (category && ctx.model.excludedCategories.has(category)) {
    if (!organizationKnown) {
      step(ctx, 'exclusion', 'not_applied', `category ${category} is excluded, but the organisation is unknown`);
    } else if (jurisdiction === 'UNKNOWN') {
      step(ctx, 'exclusion', 'not_applied', `category ${category} is excluded, but the region is unknown`);
    } else {
      ctx.flags.push('excluded_category');
      tier = ctx.model.exclusionTier;
      step(ctx, 'exclusion', tier, `category ${category} is outside the EEA-only offer: ${tier} rules`);
    }
  }
  return tier;
}

/** An UNKNOWN region is worked from the EEA-only country set whatever the tier (fail closed). */
function restrictUnknownRegion(ctx: Context, jurisdiction: Jurisdiction, tier: Tier): Tier {
  if (jurisdiction !== 'UNKNOWN' || tier === 'eea_only') return tier;
  step(
    ctx,
    'unknown_region',
    'eea_only',
    `region unknown: eea_only countries instead of ${tier} (fail closed); ${tier} hours still apply`,
  );
  return 'eea_only';
}

function unlockByConsent(ctx: Context, consents: readonly ConsentFacts[], now: Date): ReadonlySet<string> {
  const unlocked = new Set<string>();
  consents.forEach((c, i) => {
    const name = c.id ?? `consents[${i}]`;
    const state = consentState(c, now);
    if (state !== 'active') return step(ctx, 'consent', state, `consent ${name} is ${state.replace(/_/g, ' ')}`);
    for (const country of c.countries) {
      if (ctx.model.isUnlockable(country)) unlocked.add(country);
      else step(ctx, 'consent', 'ignored', `consent ${name}: ${country} is not unlockable by policy`);
    }
  });
  if (unlocked.size === 0) return NO_COUNTRIES;
  ctx.flags.push('consent_active');
  step(ctx, 'consent', 'unlocked', `active consent unlocks ${[...unlocked].sort().join(', ')}`);
  return unlocked;
}

function skipConsent(ctx: Context, consents: readonly ConsentFacts[]): ReadonlySet<string> {
  if (consents.length > 0) step(ctx, 'consent', 'not_needed', 'non-EEA ticket: consents change nothing');
  return NO_COUNTRIES;
}

function checkHours(ctx: Context, tier: Tier, severity: Severity, now: Date): Date | null {
  const schedule = scheduleFor(ctx.model, tier, severity);
  const opening = nextOpeningOf(schedule, ctx.model.timezone, now);
  if (opening === null) {
    step(
      ctx,
      'support_hours',
      'open',
      schedule.always ? `${tier} severity ${severity}: 24x7` : `inside ${tier} hours (${ctx.model.timezone})`,
    );
  } else {
    ctx.flags.push('outside_support_hours');
    step(ctx, 'support_hours', 'deferred', `outside ${tier} severity ${severity} hours; opens ${opening.toISOString()}`);
  }
  return opening;
}

function openAllHours(ctx: Context): null {
  step(ctx, 'support_hours', 'open', 'non-EEA ticket: 24x7');
  return null;
}

function explainEscalation(ctx: Context, ev: TicketEvaluation, country: string): void {
  const permitted = ev.allowedCountries === '*' || ev.allowedCountries.has(country) || ev.unlockedCountries.has(country);
  if (permitted && isIsoCountryCode(country)) {
    step(ctx, 'escalation', 'narrowed', `escalated: only agents in ${country}`);
  } else {
    ctx.flags.push('escalation_not_allowed');
    step(ctx, 'escalation', 'refused', `escalation to ${country} is not allowed: no agent is eligible`);
  }
}
