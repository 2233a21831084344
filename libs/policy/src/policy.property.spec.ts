import fc from 'fast-check';
import { checkAgent, isCountryPermitted } from './agent-eligibility';
import { isConsentActive } from './consent';
import { classifyTicket, evaluateTicket } from './evaluate-ticket';
import { ISO_COUNTRY_CODES } from './iso-countries';
import { EEA_COUNTRIES, editedPolicy, shippedPolicy } from '../../../test/support/policy.fixtures';
import type { CompiledPolicy, ConsentFacts, Severity, TicketFacts, Tier } from './policy.types';
import { simulate } from './simulate';
import { nextOpening } from './support-hours';

const description = shippedPolicy.describe();
const CATALOGUE = Object.keys(description.regions);
const EXCLUDED = description.exclusions.categories;
const EEA = new Set(EEA_COUNTRIES);
const STANDARD = new Set(description.tiers.standard.allowedCountries);
const COUNTRIES = [...ISO_COUNTRY_CODES];

const instant = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true });
const region = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CATALOGUE) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.string(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constantFrom('eu-west-9', 'EU-WEST-1', 'eu-central'),
    ),
  },
);
const tier = fc.constantFrom<Tier | null>('standard', 'eea_only', null);
const severity = fc.constantFrom<Severity>(1, 2, 3, 4);
const category = fc.option(fc.constantFrom(...EXCLUDED, 'billing', 'voice_quality'));
const country = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constantFrom('US', 'CN', 'DE', 'CH', 'IN', 'FR', 'GB') },
  { weight: 3, arbitrary: fc.constantFrom(...COUNTRIES) },
);
const skills = fc.subarray(['voice', 'billing', 'de', 'fr']);
const consent: fc.Arbitrary<ConsentFacts> = fc.record({
  countries: fc.subarray(['US', 'CN', 'IN', 'BR', 'DE']),
  grantedAt: fc.option(instant),
  expiresAt: instant,
  revokedAt: fc.option(instant),
});
const facts: fc.Arbitrary<TicketFacts> = fc.record({
  region,
  severity,
  tier,
  category,
  skills,
  escalationCountry: fc.option(country),
});
const agent = fc.record({ id: fc.constant('agent'), country, skills });
const scenario = fc.record({ facts, consents: fc.array(consent, { maxLength: 3 }), now: instant, agent });

/** Independent of the engine: does an ACTIVE consent unlock this unlockable country at `now`? */
const consentUnlocks = (consents: ConsentFacts[], c: string | null, now: Date) =>
  c !== null && shippedPolicy.isUnlockable(c) && consents.some((k) => isConsentActive(k, now) && k.countries.includes(c));

describe('residency invariants (property-based)', () => {
  it('(1) an agent outside the allowed set is eligible only through an active consent for an unlockable country', () => {
    fc.assert(
      fc.property(scenario, ({ facts: f, consents, now, agent: a }) => {
        const ev = evaluateTicket(shippedPolicy, f, consents, now);
        const expectedCountry = f.region ? description.regions[f.region]?.country : undefined;
        expect(ev.restricted).toBe(expectedCountry === undefined || EEA.has(expectedCountry));
        if (!ev.restricted || ev.allowedCountries === '*') return;
        for (const c of ev.allowedCountries) expect(STANDARD.has(c)).toBe(true);
        const eligible = checkAgent(ev, a).eligible;
        expect(isCountryPermitted(ev, a.country) || !eligible).toBe(true);
        if (a.country === null) expect(eligible).toBe(false);
        if (eligible && !ev.allowedCountries.has(a.country!)) expect(consentUnlocks(consents, a.country, now)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('(2) an eea_only, non-excluded EEA ticket is never eligible for a non-EEA agent without consent', () => {
    const eeaRegion = fc.constantFrom(...CATALOGUE.filter((r) => EEA.has(description.regions[r].country)));
    const eeaOnly = fc.record({
      region: eeaRegion,
      severity,
      tier: fc.constantFrom<Tier | null>('eea_only', null),
      category: fc.option(fc.constantFrom('billing', 'voice_quality')),
      skills,
    });
    fc.assert(
      fc.property(eeaOnly, fc.array(consent, { maxLength: 3 }), instant, agent, (f, consents, now, a) => {
        const ev = evaluateTicket(shippedPolicy, f, consents, now);
        expect(ev.jurisdiction).toBe('EEA');
        if (checkAgent(ev, a).eligible && !EEA.has(a.country!)) expect(consentUnlocks(consents, a.country, now)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('(3) an UNKNOWN region is never eligible for a non-EEA agent without consent, whatever the tier', () => {
    const unknown = fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.string().filter((s) => !CATALOGUE.includes(s)),
    );
    const f = fc.record({ region: unknown, severity, tier, category, skills: fc.constant([]) });
    fc.assert(
      fc.property(f, fc.array(consent, { maxLength: 3 }), instant, agent, (ticket, consents, now, a) => {
        const ev = evaluateTicket(shippedPolicy, ticket, consents, now);
        expect(ev.jurisdiction).toBe('UNKNOWN');
        if (checkAgent(ev, a).eligible) expect(EEA.has(a.country!) || consentUnlocks(consents, a.country, now)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  const holidayPolicy = editedPolicy((d) => {
    d.holidays = { belgium: ['2024-12-25', '2025-12-25', '2026-04-06', '2026-12-24', '2026-12-25', '2027-01-01', '2028-05-01'] };
    d.tiers.eea_only.holidays = ['belgium'];
  });
  const isOpen = (p: CompiledPolicy, t: Tier, s: Severity, ms: number) => nextOpening(p, t, s, new Date(ms)) === null;

  it.each([
    ['shipped', shippedPolicy],
    ['with holidays', holidayPolicy],
  ])('(4) deferredUntil is the first open instant after now (%s policy)', (_name, policy) => {
    fc.assert(
      fc.property(
        instant,
        tier,
        severity,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        (now, t, s, fractions) => {
          const ev = evaluateTicket(policy, { region: 'eu-west-1', severity: s, tier: t }, [], now);
          if (ev.routable) return expect(isOpen(policy, ev.tier, s, now.getTime())).toBe(true);
          const start = now.getTime();
          const end = ev.deferredUntil!.getTime();
          expect(end).toBeGreaterThan(start);
          expect(isOpen(policy, ev.tier, s, end)).toBe(true);
          const samples = [start, end - 1, ...fractions.map((x) => start + Math.floor(x * (end - start)))];
          for (let m = Math.ceil(start / 900_000) * 900_000; m < end; m += 900_000) samples.push(m);
          for (let m = Math.floor(end / 60_000) * 60_000 - 3_600_000; m < end; m += 60_000) if (m > start) samples.push(m);
          for (const ms of samples) if (ms >= start && ms < end) expect(isOpen(policy, ev.tier, s, ms)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('(5) simulate agrees with evaluateTicket + checkAgent', () => {
    const tierOrOrg = fc.constantFrom<Tier | 'org:known' | 'org:unknown' | 'none'>(
      'standard',
      'eea_only',
      'org:known',
      'org:unknown',
      'none',
    );
    fc.assert(
      fc.property(scenario, tierOrOrg, fc.array(agent, { maxLength: 4 }), ({ facts: f, consents, now }, who, agents) => {
        const resolveTier = (org: string) => (org === 'known' ? 'standard' : null);
        const ticket = {
          region: f.region,
          severity: f.severity,
          category: f.category ?? undefined,
          skills: [...(f.skills ?? [])],
          ...(who === 'standard' || who === 'eea_only' ? { tier: who } : who === 'none' ? {} : { organizationId: who.slice(4) }),
        };
        const wire = consents.map((c) => ({
          countries: [...c.countries],
          expiresAt: c.expiresAt.toISOString(),
          grantedAt: c.grantedAt?.toISOString(),
          revokedAt: c.revokedAt?.toISOString() ?? null,
        }));
        const res = simulate(
          shippedPolicy,
          { at: now.toISOString(), ticket, agents: agents.map((a) => ({ ...a, skills: [...a.skills] })), consents: wire },
          resolveTier,
        );
        const tierFact = who === 'standard' || who === 'eea_only' ? who : who === 'org:known' ? 'standard' : null;
        const ev = evaluateTicket(
          shippedPolicy,
          { region: f.region, severity: f.severity, tier: tierFact, category: f.category, skills: f.skills },
          consents,
          now,
        );
        expect(res).toMatchObject({
          jurisdiction: ev.jurisdiction,
          tier: ev.tier,
          flags: ev.flags,
          routable: ev.routable,
          trace: ev.trace,
        });
        expect(res.deferredUntil).toBe(ev.deferredUntil?.toISOString() ?? null);
        expect(res.agents).toEqual(agents.map((a) => checkAgent(ev, a)));
      }),
      { numRuns: 500 },
    );
  });

  it('(6) classifyTicket is exactly the classification part of evaluateTicket', () => {
    const HOURS_AND_CONSENT_FLAGS = new Set(['outside_support_hours', 'consent_active', 'escalation_not_allowed']);
    fc.assert(
      fc.property(scenario, ({ facts: f, consents, now }) => {
        const ev = evaluateTicket(shippedPolicy, f, consents, now);
        expect(classifyTicket(shippedPolicy, f)).toEqual({
          jurisdiction: ev.jurisdiction,
          regionCountry: ev.regionCountry,
          tier: ev.tier,
          flags: ev.flags.filter((x) => !HOURS_AND_CONSENT_FLAGS.has(x)),
        });
      }),
      { numRuns: 500 },
    );
  });
});
