import { CompiledPolicy, TIERS, Tier, classifyTicket } from '@eea/policy';
import { IntakeCommand } from './intake-command';

/** Where a just-received ticket comes from and how its tier reads, before the router evaluates it. */
export interface ProvisionalFacts {
  regionCountry: string | null;
  jurisdiction: string;
  tier: Tier;
  flags: string[];
}

/**
 * Region country, jurisdiction, tier and flags as the policy classifies the ticket on arrival; the
 * router recomputes them (with hours, consents and the pool) on every evaluation, this only makes a
 * just-received ticket readable.
 */
export function provisionalFacts(policy: CompiledPolicy, c: IntakeCommand, organizationTier: Tier | null): ProvisionalFacts {
  return classifyTicket(policy, { region: c.region, tier: organizationTier, category: c.category });
}

/** Key under which `provisionalFactsByTier` files an unknown organisation. */
export const UNKNOWN_ORGANIZATION = 'unknown';

/**
 * The facts for every tier the organisation might have, so that a single statement can pick the
 * right ones by looking the organisation up itself, exactly as a separate lookup would have.
 */
export function provisionalFactsByTier(policy: CompiledPolicy, c: IntakeCommand): Record<string, ProvisionalFacts> {
  const byTier: Record<string, ProvisionalFacts> = { [UNKNOWN_ORGANIZATION]: provisionalFacts(policy, c, null) };
  for (const tier of TIERS) byTier[tier] = provisionalFacts(policy, c, tier);
  return byTier;
}
