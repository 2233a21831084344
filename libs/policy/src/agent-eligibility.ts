import { isIsoCountryCode } from './iso-countries';
import type { AgentEligibility, AgentFacts, TicketEvaluation } from './policy.types';

/** The countries an agent may work from for one evaluated ticket, precomputed for Set look-ups. */
interface CountryPool {
  /** Unrestricted (non-EEA) and not narrowed by an escalation. */
  readonly any: boolean;
  readonly countries: ReadonlySet<string>;
  /** Permitted only because an active consent unlocked them. */
  readonly viaConsent: ReadonlySet<string>;
  /** Why an agent whose country is outside `countries` is refused. */
  readonly refusal: 'country_not_allowed' | 'escalated_to_other_country' | 'escalation_not_allowed';
  readonly escalated: boolean;
}

const POOL = Symbol('eea.policy.countryPool');
const EMPTY: ReadonlySet<string> = new Set();
type WithPool = TicketEvaluation & { [POOL]?: CountryPool };

export function buildPool(ev: TicketEvaluation): CountryPool {
  const allowed = ev.allowedCountries;
  const any = allowed === '*' || !ev.restricted;
  const viaConsent = any ? EMPTY : new Set([...ev.unlockedCountries].filter((c) => !allowed.has(c)));
  const escalation = ev.escalationCountry;
  if (escalation != null && escalation !== '') {
    const permitted = isIsoCountryCode(escalation) && (any || allowed.has(escalation) || ev.unlockedCountries.has(escalation));
    return {
      any: false,
      countries: permitted ? new Set([escalation]) : EMPTY,
      viaConsent,
      refusal: permitted ? 'escalated_to_other_country' : 'escalation_not_allowed',
      escalated: true,
    };
  }
  const countries = any ? EMPTY : new Set([...allowed, ...ev.unlockedCountries]);
  return { any, countries, viaConsent, refusal: 'country_not_allowed', escalated: false };
}

/** Caches the pool on the evaluation; non-enumerable so it never reaches JSON or copies. */
export function attachPool(ev: TicketEvaluation): TicketEvaluation {
  Object.defineProperty(ev, POOL, { value: buildPool(ev), enumerable: false, writable: true });
  return ev;
}

function poolOf(ev: TicketEvaluation): CountryPool {
  const cached = (ev as WithPool)[POOL];
  if (cached) return cached;
  // A copied or deserialised evaluation: rebuild from its public fields (and cache when possible).
  if (Object.isExtensible(ev)) return (attachPool(ev) as WithPool)[POOL]!;
  return buildPool(ev);
}

/** Hot path: is an agent in `country` inside the ticket's pool? A null country never is for restricted tickets. */
export function isCountryPermitted(ev: TicketEvaluation, country: string | null): boolean {
  const pool = poolOf(ev);
  if (pool.any) return true;
  return country != null && pool.countries.has(country);
}

/** Sorted permitted countries: allowed ∪ unlocked, narrowed by escalation; '*' when unrestricted. */
export function permittedCountries(ev: TicketEvaluation): string[] | '*' {
  const pool = poolOf(ev);
  return pool.any ? '*' : [...pool.countries].sort();
}

/** Location first (a hard filter: skills are not looked at when it fails), then skills. */
export function checkAgent(ev: TicketEvaluation, agent: AgentFacts): AgentEligibility {
  const pool = poolOf(ev);
  const country = agent.country;
  let reasons: string[] | undefined;
  if (!pool.any) {
    if (country == null || country === '') {
      return { id: agent.id, eligible: false, reasons: [pool.escalated ? pool.refusal : 'no_country'] };
    }
    if (!pool.countries.has(country)) return { id: agent.id, eligible: false, reasons: [pool.refusal] };
    if (pool.viaConsent.has(country)) reasons = [`consent_unlocked:${country}`];
  }
  const required = ev.requiredSkills;
  let eligible = true;
  if (required.length > 0) {
    const skills = agent.skills ?? [];
    for (let i = 0; i < required.length; i++) {
      if (!skills.includes(required[i])) {
        (reasons ??= []).push(`missing_skill:${required[i]}`);
        eligible = false;
      }
    }
  }
  return { id: agent.id, eligible, reasons: reasons ?? [] };
}
