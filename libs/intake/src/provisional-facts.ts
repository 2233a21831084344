import { CompiledPolicy, TIERS, Tier, evaluateTicket } from '@eea/policy';
import { IntakeCommand } from './intake-command';

/** Where a just-received ticket comes from and how its tier reads, before the router evaluates it. */
export interface ProvisionalFacts {
  regionCountry: string | null;
  jurisdiction: string;
  tier: Tier;
  flags: string[];
}

/**
 * Region country, jurisdiction, tier and flags as the policy sees the ticket on arrival; the
 * router recomputes them on every evaluation, this only makes a just-received ticket readable.
 */
export function provisionalFacts(policy: CompiledPolicy, c: IntakeCommand, organizationTier: Tier | null, now: Date): ProvisionalFacts {
  const ev = evaluateTicket(policy, {
    region: c.region, severity: c.severity, tier: organizationTier, category: c.category, skills: c.skills, escalationCountry: null,
  }, [], now);
  return { regionCountry: ev.regionCountry, jurisdiction: ev.jurisdiction, tier: ev.tier, flags: ev.flags };
}

/** Key under which `provisionalFactsByTier` files an unknown organisation. */
export const UNKNOWN_ORGANIZATION = 'unknown';

/**
 * The facts for every tier the organisation might have, so that a single statement can pick the
 * right ones by looking the organisation up itself, exactly as a separate lookup would have.
 */
export function provisionalFactsByTier(policy: CompiledPolicy, c: IntakeCommand, now: Date): Record<string, ProvisionalFacts> {
  const byTier: Record<string, ProvisionalFacts> = { [UNKNOWN_ORGANIZATION]: provisionalFacts(policy, c, null, now) };
  for (const tier of TIERS) byTier[tier] = provisionalFacts(policy, c, tier, now);
  return byTier;
}
