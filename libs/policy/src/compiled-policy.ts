import type { HoursRuleDefinition, PolicyDefinition, TierDefinition } from './policy-definition';
import { WEEKDAYS, formatMinute } from './policy-definition';
import type {
  CompiledPolicy,
  ConsentRules,
  HoursRuleDescription,
  PolicyDescription,
  Severity,
  Tier,
  TierDescription,
} from './policy.types';
import { SEVERITIES, TIERS } from './policy.types';

export interface MinuteWindow {
  readonly fromMinute: number;
  readonly toMinute: number;
}

/** Hours of one (tier, severity): always open, or windows per ISO weekday (index 1..7), sorted. */
export interface CompiledSchedule {
  readonly always: boolean;
  readonly byWeekday: ReadonlyArray<readonly MinuteWindow[]>;
  readonly holidays: ReadonlySet<string>;
}

export interface CompiledTier {
  readonly allowed: ReadonlySet<string>;
  readonly schedules: Readonly<Record<Severity, CompiledSchedule>>;
}

/**
 * A policy compiled once into Sets and Maps so that evaluation is look-ups only.
 * The fields beyond CompiledPolicy are internal to this library.
 */
export class PolicyModel implements CompiledPolicy {
  readonly eea: ReadonlySet<string>;
  readonly tiers: Readonly<Record<Tier, CompiledTier>>;
  readonly excludedCategories: ReadonlySet<string>;
  readonly exclusionTier: Tier;
  readonly consent: ConsentRules;
  readonly timezone: string;
  private readonly regions: ReadonlyMap<string, string>;
  private readonly unlockable: ReadonlySet<string>;
  private readonly description: PolicyDescription;

  constructor(
    readonly version: string,
    def: PolicyDefinition,
  ) {
    this.timezone = def.timezone;
    this.eea = new Set(def.countrySets.EEA);
    this.regions = new Map(Object.entries(def.regions).map(([r, v]) => [r, v.country]));
    this.unlockable = new Set(def.consent.unlockableCountries);
    this.excludedCategories = new Set(def.exclusions.categories);
    this.exclusionTier = def.exclusions.followTier;
    this.consent = Object.freeze({ ...def.consent, unlockableCountries: Object.freeze([...def.consent.unlockableCountries]) });
    const tiers = {} as Record<Tier, CompiledTier>;
    for (const tier of TIERS) tiers[tier] = compileTier(def.tiers[tier], def);
    this.tiers = tiers;
    this.description = describePolicy(version, def, this.eea);
  }

  regionCountry(region: string): string | undefined {
    return this.regions.get(region);
  }

  isUnlockable(country: string): boolean {
    return this.unlockable.has(country);
  }

  describe(): PolicyDescription {
    return structuredClone(this.description);
  }
}

/** Evaluation needs the compiled tables; a hand-made object claiming to be a policy cannot be trusted. */
export function policyModel(policy: CompiledPolicy): PolicyModel {
  if (policy instanceof PolicyModel) return policy;
  throw new TypeError('policy must come from compilePolicy() or loadPolicyFile()');
}

function compileTier(tier: TierDefinition, def: PolicyDefinition): CompiledTier {
  const allowed = new Set(tier.allowedCountrySets.flatMap((name) => def.countrySets[name]));
  const holidays = new Set(tier.holidays.flatMap((name) => def.holidays[name]));
  const schedules = {} as Record<Severity, CompiledSchedule>;
  for (const severity of SEVERITIES) {
    const rules = tier.hours.filter((r) => r.severities.includes(severity));
    schedules[severity] = compileSchedule(rules, holidays);
  }
  return { allowed, schedules };
}

function compileSchedule(rules: HoursRuleDefinition[], holidays: ReadonlySet<string>): CompiledSchedule {
  if (rules.some((r) => r.window === 'always')) return { always: true, byWeekday: [], holidays };
  const byWeekday: MinuteWindow[][] = Array.from({ length: 8 }, () => []);
  for (const rule of rules) {
    if (rule.window === 'always') continue;
    for (const day of rule.window.days) {
      byWeekday[day].push({ fromMinute: rule.window.fromMinute, toMinute: rule.window.toMinute });
    }
  }
  for (const windows of byWeekday) windows.sort((a, b) => a.fromMinute - b.fromMinute);
  return { always: false, byWeekday, holidays };
}

function describePolicy(version: string, def: PolicyDefinition, eea: ReadonlySet<string>): PolicyDescription {
  const tiers = {} as Record<Tier, TierDescription>;
  for (const tier of TIERS) {
    const t = def.tiers[tier];
    tiers[tier] = {
      allowedCountrySets: [...t.allowedCountrySets],
      allowedCountries: [...new Set(t.allowedCountrySets.flatMap((s) => def.countrySets[s]))].sort(),
      holidays: [...t.holidays],
      hours: t.hours.map(describeHoursRule),
    };
  }
  const regions: PolicyDescription['regions'] = {};
  for (const [region, r] of Object.entries(def.regions)) {
    regions[region] = { ...r, jurisdiction: eea.has(r.country) ? 'EEA' : 'NON_EEA' };
  }
  return structuredClone({
    policyVersion: version,
    tiers,
    countrySets: def.countrySets,
    regions,
    exclusions: def.exclusions,
    consent: def.consent,
    supportHours: { timezone: def.timezone },
    holidays: def.holidays,
  });
}

function describeHoursRule(rule: HoursRuleDefinition): HoursRuleDescription {
  if (rule.window === 'always') return { severities: [...rule.severities], always: true };
  return {
    severities: [...rule.severities],
    days: rule.window.days.map((d) => WEEKDAYS[d - 1]),
    from: formatMinute(rule.window.fromMinute),
    to: formatMinute(rule.window.toMinute),
  };
}
