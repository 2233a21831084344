import type { Severity, Tier } from './policy.types';

/** The validated, normalised content of a policy file, before it is compiled into look-up tables. */

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WindowDefinition {
  /** ISO weekday numbers, Monday = 1 … Sunday = 7 (Luxon's numbering). */
  days: number[];
  /** Minutes after local midnight; the window is [fromMinute, toMinute). */
  fromMinute: number;
  toMinute: number;
}

export interface HoursRuleDefinition {
  severities: Severity[];
  window: WindowDefinition | 'always';
}

export interface TierDefinition {
  allowedCountrySets: string[];
  holidays: string[];
  hours: HoursRuleDefinition[];
}

export interface PolicyDefinition {
  timezone: string;
  holidays: Record<string, string[]>;
  countrySets: Record<string, string[]>;
  tiers: Record<Tier, TierDefinition>;
  exclusions: { followTier: Tier; categories: string[] };
  consent: { unlockableCountries: string[]; defaultDurationDays: number; maxDurationDays: number };
  regions: Record<string, { country: string; name?: string }>;
}

export function formatMinute(minute: number): string {
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  return `${hh}:${String(minute % 60).padStart(2, '0')}`;
}
