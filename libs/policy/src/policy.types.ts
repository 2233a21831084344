/** Public types of the residency policy engine (SPEC section 3). */

export type Tier = 'standard' | 'eea_only';
export type Jurisdiction = 'EEA' | 'NON_EEA' | 'UNKNOWN';
export type Severity = 1 | 2 | 3 | 4;

export const TIERS: readonly Tier[] = ['standard', 'eea_only'];
export const SEVERITIES: readonly Severity[] = [1, 2, 3, 4];

export interface TraceStep {
  rule: string;
  outcome: string;
  detail: string;
}

export interface TicketFacts {
  region: string | null | undefined;
  severity: Severity;
  /** null = organisation unknown → eea_only + flag unknown_organization. */
  tier: Tier | null;
  category?: string | null;
  skills?: readonly string[];
  /** Set when an assignee escalated: narrows the pool to that one country. */
  escalationCountry?: string | null;
}

export interface ConsentFacts {
  id?: string;
  countries: readonly string[];
  grantedAt?: Date | null;
  expiresAt: Date;
  revokedAt?: Date | null;
}

export interface AgentFacts {
  id: string;
  country: string | null;
  skills?: readonly string[];
}

export interface TicketEvaluation {
  policyVersion: string;
  jurisdiction: Jurisdiction;
  regionCountry: string | null;
  /** The tier whose rules apply, after unknown-organisation, exclusion and unknown-region handling. */
  tier: Tier;
  flags: string[];
  /** false only for NON_EEA tickets. */
  restricted: boolean;
  /** The tier's country set (before consent); '*' when unrestricted. */
  allowedCountries: ReadonlySet<string> | '*';
  /** Countries unlocked by active consents (only policy-unlockable ones, only for restricted tickets). */
  unlockedCountries: ReadonlySet<string>;
  /** Inside support hours at `now`. */
  routable: boolean;
  /** Next window opening when not routable. */
  deferredUntil: Date | null;
  requiredSkills: readonly string[];
  trace: TraceStep[];
  /** The escalation target the pool was narrowed to, if any (kept so a copied evaluation narrows too). */
  escalationCountry?: string | null;
}

export interface AgentEligibility {
  id: string;
  eligible: boolean;
  reasons: string[];
}

export interface HoursRuleDescription {
  severities: Severity[];
  always?: true;
  days?: string[];
  from?: string;
  to?: string;
}

export interface TierDescription {
  allowedCountrySets: string[];
  allowedCountries: string[];
  holidays: string[];
  hours: HoursRuleDescription[];
}

export interface PolicyDescription {
  policyVersion: string;
  tiers: Record<Tier, TierDescription>;
  countrySets: Record<string, string[]>;
  regions: Record<string, { country: string; name?: string; jurisdiction: 'EEA' | 'NON_EEA' }>;
  exclusions: { followTier: Tier; categories: string[] };
  consent: { unlockableCountries: string[]; defaultDurationDays: number; maxDurationDays: number };
  supportHours: { timezone: string };
  holidays: Record<string, string[]>;
}

export interface ConsentRules {
  readonly unlockableCountries: readonly string[];
  readonly defaultDurationDays: number;
  readonly maxDurationDays: number;
}

export interface CompiledPolicy {
  readonly version: string;
  readonly timezone: string;
  regionCountry(region: string): string | undefined;
  isUnlockable(country: string): boolean;
  readonly consent: ConsentRules;
  describe(): PolicyDescription;
}

export interface PolicyIssue {
  path: string;
  message: string;
}
