import { DateTime, IANAZone } from 'luxon';
import type { PolicyDefinition, TierDefinition } from './policy-definition';
import { TIERS, type Tier } from './policy.types';
import { readHours } from './validate-hours';
import {
  Issues,
  child,
  countryProblem,
  readCountryList,
  readMap,
  readPositiveInt,
  readString,
  readStringList,
} from './validation-helpers';

const ROOT_KEYS = {
  allowed: ['supportHours', 'holidays', 'countrySets', 'tiers', 'exclusions', 'consent', 'regions'],
  required: ['supportHours', 'countrySets', 'tiers', 'consent', 'regions'],
};
const TIER_KEYS = { allowed: ['allowedCountrySets', 'holidays', 'hours'], required: ['allowedCountrySets', 'hours'] };
const SET_NAME = /^[A-Z][A-Z0-9_]*$/;
const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Turns the parsed YAML into a PolicyDefinition, or records why it cannot. */
export function validatePolicy(doc: unknown, issues: Issues): PolicyDefinition | undefined {
  const root = readMap(doc, '', issues, ROOT_KEYS);
  if (!root) return undefined;
  const timezone = readSupportHours(root.supportHours, issues);
  const holidays = readHolidays(root.holidays, issues);
  const countrySets = readCountrySets(root.countrySets, issues);
  const tiers = readTiers(root.tiers, countrySets, holidays, issues);
  const exclusions = readExclusions(root.exclusions, issues);
  const consent = readConsent(root.consent, issues);
  const regions = readRegions(root.regions, issues);
  if (issues.list.length > 0 || !timezone || !tiers || !consent) return undefined;
  return { timezone, holidays, countrySets, tiers, exclusions, consent, regions };
}

function readSupportHours(value: unknown, issues: Issues): string | undefined {
  const map = readMap(value, 'supportHours', issues, { allowed: ['timezone'], required: ['timezone'] });
  const zone = map && readString(map.timezone, 'supportHours.timezone', issues);
  if (zone === undefined) return undefined;
  if (IANAZone.isValidZone(zone)) return zone;
  issues.add('supportHours.timezone', `'${zone}' is not an IANA time zone (e.g. Europe/Brussels)`);
  return undefined;
}

function readHolidays(value: unknown, issues: Issues): Record<string, string[]> {
  if (value === undefined || value === null) return {};
  const map = readMap(value, 'holidays', issues) ?? {};
  const out: Record<string, string[]> = {};
  for (const [name, dates] of Object.entries(map)) {
    out[name] = readStringList(dates, child('holidays', name), issues, {
      nonEmpty: false,
      check: (d) => (LOCAL_DATE.test(d) && DateTime.fromISO(d).isValid ? null : `'${d}' is not a local date YYYY-MM-DD`),
    });
  }
  return out;
}

function readCountrySets(value: unknown, issues: Issues): Record<string, string[]> {
  const map = readMap(value, 'countrySets', issues) ?? {};
  const out: Record<string, string[]> = {};
  for (const [name, codes] of Object.entries(map)) {
    if (!SET_NAME.test(name)) issues.add(child('countrySets', name), 'set names are UPPER_SNAKE_CASE');
    out[name] = readCountryList(codes, child('countrySets', name), issues, true);
  }
  // Jurisdiction is derived from this set, so a policy without it cannot be evaluated.
  if (value !== undefined && !('EEA' in out)) issues.add('countrySets.EEA', 'missing (jurisdiction is derived from it)');
  return out;
}

function readTiers(
  value: unknown,
  sets: Record<string, string[]>,
  holidays: Record<string, string[]>,
  issues: Issues,
): Record<Tier, TierDefinition> | undefined {
  const map = readMap(value, 'tiers', issues, { allowed: TIERS, required: TIERS });
  if (!map) return undefined;
  const out: Partial<Record<Tier, TierDefinition>> = {};
  for (const tier of TIERS) {
    const path = child('tiers', tier);
    const raw = map[tier] === undefined ? undefined : readMap(map[tier], path, issues, TIER_KEYS);
    if (!raw) continue;
    out[tier] = {
      allowedCountrySets: readStringList(raw.allowedCountrySets, child(path, 'allowedCountrySets'), issues, {
        nonEmpty: true,
        check: (s) => (s in sets ? null : `unknown country set '${s}' (defined: ${Object.keys(sets).join(', ')})`),
      }),
      holidays: readStringList(raw.holidays ?? [], child(path, 'holidays'), issues, {
        nonEmpty: false,
        check: (h) => (h in holidays ? null : `unknown holiday calendar '${h}'`),
      }),
      hours: readHours(raw.hours, child(path, 'hours'), issues),
    };
  }
  return out.standard && out.eea_only ? (out as Record<Tier, TierDefinition>) : undefined;
}

function readExclusions(value: unknown, issues: Issues): PolicyDefinition['exclusions'] {
  if (value === undefined || value === null) return { followTier: 'standard', categories: [] };
  const map = readMap(value, 'exclusions', issues, {
    allowed: ['followTier', 'categories'],
    required: ['followTier', 'categories'],
  });
  const followTier = map?.followTier;
  if (map && followTier !== undefined && !TIERS.includes(followTier as Tier)) {
    issues.add('exclusions.followTier', `unknown tier '${String(followTier)}' (expected ${TIERS.join(' or ')})`);
  }
  const categories = map ? readStringList(map.categories, 'exclusions.categories', issues, { nonEmpty: false }) : [];
  return { followTier: (followTier as Tier) ?? 'standard', categories };
}

function readConsent(value: unknown, issues: Issues): PolicyDefinition['consent'] | undefined {
  const keys = ['unlockableCountries', 'defaultDurationDays', 'maxDurationDays'];
  const map = readMap(value, 'consent', issues, { allowed: keys, required: keys });
  if (!map) return undefined;
  const unlockableCountries = readCountryList(map.unlockableCountries ?? [], 'consent.unlockableCountries', issues, false);
  const defaultDurationDays = readPositiveInt(map.defaultDurationDays, 'consent.defaultDurationDays', issues);
  const maxDurationDays = readPositiveInt(map.maxDurationDays, 'consent.maxDurationDays', issues);
  if (defaultDurationDays === undefined || maxDurationDays === undefined) return undefined;
  if (defaultDurationDays > maxDurationDays) {
    issues.add('consent.defaultDurationDays', `${defaultDurationDays} exceeds maxDurationDays (${maxDurationDays})`);
  }
  return { unlockableCountries, defaultDurationDays, maxDurationDays };
}

function readRegions(value: unknown, issues: Issues): PolicyDefinition['regions'] {
  const map = readMap(value, 'regions', issues) ?? {};
  const out: PolicyDefinition['regions'] = {};
  for (const [region, raw] of Object.entries(map)) {
    const path = child('regions', region);
    if (!REGION_NAME.test(region)) issues.add(path, 'not an AWS region code (e.g. eu-west-1)');
    const entry = readMap(raw, path, issues, { allowed: ['country', 'name'], required: [] });
    if (!entry) continue;
    const country = entry.country;
    if (country === undefined || country === null) {
      issues.add(child(path, 'country'), 'missing (every region needs the country where it physically is)');
    } else if (typeof country !== 'string' || countryProblem(country)) {
      issues.add(child(path, 'country'), countryProblem(String(country)) ?? 'must be a string');
    } else {
      out[region] = entry.name === undefined ? { country } : { country, name: String(entry.name) };
    }
  }
  return out;
}
