import { permittedCountries } from './agent-eligibility';
import { evaluateTicket } from './evaluate-ticket';
import { EEA_COUNTRIES, at, shippedPolicy } from '../../../test/support/policy.fixtures';
import type { ConsentFacts, TicketFacts } from './policy.types';

// Wednesday 14 January 2026, 10:00 CET: inside every window.
const OPEN = at('2026-01-14T09:00:00Z');
// Saturday 17 January 2026: outside the eea_only window.
const WEEKEND = at('2026-01-17T12:00:00Z');
const evaluate = (facts: Partial<TicketFacts>, consents: ConsentFacts[] = [], now = OPEN) =>
  evaluateTicket(shippedPolicy, { region: 'eu-west-1', severity: 3, tier: 'standard', ...facts }, consents, now);
const sorted = (set: ReadonlySet<string> | '*') => (set === '*' ? '*' : [...set].sort());
const STANDARD = [
  ...EEA_COUNTRIES,
  'AD',
  'AR',
  'CA',
  'CH',
  'FO',
  'GB',
  'GG',
  'IL',
  'IM',
  'JE',
  'JP',
  'KR',
  'NZ',
  'UY',
  'IN',
  'PH',
].sort();

describe('evaluateTicket: jurisdiction from the region country, never its name', () => {
  it.each([
    ['eu-central-2', 'CH', 'NON_EEA'],
    ['eusc-de-east-1', 'DE', 'EEA'],
    ['us-gov-west-1', 'US', 'NON_EEA'],
    ['il-central-1', 'IL', 'NON_EEA'],
    ['me-central-1', 'AE', 'NON_EEA'],
    ['eu-west-2', 'GB', 'NON_EEA'],
    ['eu-north-1', 'SE', 'EEA'],
    ['eu-south-2', 'ES', 'EEA'],
    ['eu-central-1', 'DE', 'EEA'],
    ['cn-north-1', 'CN', 'NON_EEA'],
  ])('%s is in %s: %s', (region, country, jurisdiction) => {
    const ev = evaluate({ region });
    expect([ev.regionCountry, ev.jurisdiction]).toEqual([country, jurisdiction]);
    expect(ev.restricted).toBe(jurisdiction !== 'NON_EEA');
  });

  it('leaves a NON_EEA ticket unrestricted and open 24x7 whatever the tier', () => {
    const ev = evaluate({ region: 'us-east-1', tier: 'eea_only', severity: 4 }, [], WEEKEND);
    expect(ev).toMatchObject({ allowedCountries: '*', routable: true, deferredUntil: null, flags: [] });
    expect(permittedCountries(ev)).toBe('*');
  });

  it.each([[undefined], [null], [''], ['eu-west-9'], ['EU-WEST-1'], ['mars-north-1']])(
    "treats region %p as UNKNOWN under the EEA-only set whatever the tier, with the tier's own hours",
    (region) => {
      const standard = evaluate({ region: region as string | null | undefined, tier: 'standard' }, [], WEEKEND);
      expect(standard).toMatchObject({ jurisdiction: 'UNKNOWN', regionCountry: null, tier: 'eea_only', restricted: true });
      expect(sorted(standard.allowedCountries)).toEqual([...EEA_COUNTRIES].sort());
      // SPEC 3.1: fail closed is about who, not when — a standard organisation is 24x7.
      expect(standard.flags).toEqual(['unknown_region']);
      expect(standard).toMatchObject({ routable: true, deferredUntil: null });
      const eeaOnly = evaluate({ region: region as string | null | undefined, tier: 'eea_only' }, [], WEEKEND);
      expect(eeaOnly.flags).toEqual(['unknown_region', 'outside_support_hours']);
      expect(eeaOnly.deferredUntil?.toISOString()).toBe('2026-01-19T08:00:00.000Z');
      const unknownOrganization = evaluate({ region: region as string | null | undefined, tier: null }, [], WEEKEND);
      expect(unknownOrganization.deferredUntil?.toISOString()).toBe('2026-01-19T08:00:00.000Z');
    },
  );

  it('keeps UNKNOWN severity 1 routable around the clock', () => {
    expect(evaluate({ region: null, severity: 1 }, [], WEEKEND).routable).toBe(true);
  });

  it('does not let an excluded category widen an UNKNOWN region', () => {
    const ev = evaluate({ region: 'nowhere-1', tier: 'eea_only', category: 'professional_services' });
    expect(sorted(ev.allowedCountries)).toEqual([...EEA_COUNTRIES].sort());
    expect(ev.flags).not.toContain('excluded_category');
  });
});

describe('evaluateTicket: tiers, organisation and exclusions', () => {
  it('allows EEA, adequate and offshore countries for standard, 24x7', () => {
    const ev = evaluate({ tier: 'standard' }, [], WEEKEND);
    expect(sorted(ev.allowedCountries)).toEqual(STANDARD);
    expect(ev.routable).toBe(true);
  });

  it('allows only the EEA for eea_only and defers severity 2-4 outside hours', () => {
    const ev = evaluate({ tier: 'eea_only', severity: 2 }, [], WEEKEND);
    expect(sorted(ev.allowedCountries)).toEqual([...EEA_COUNTRIES].sort());
    expect(ev).toMatchObject({ tier: 'eea_only', routable: false, flags: ['outside_support_hours'] });
  });

  it('treats an unknown organisation as eea_only and flags it', () => {
    const ev = evaluate({ tier: null, severity: 2 }, [], WEEKEND);
    expect(ev.tier).toBe('eea_only');
    expect(ev.flags).toEqual(['unknown_organization', 'outside_support_hours']);
    expect(sorted(ev.allowedCountries)).toEqual([...EEA_COUNTRIES].sort());
  });

  it.each(['custom_application_support', 'professional_services', 'third_party_application', 'optional_subprocessor'])(
    'moves eea_only tickets of category %s to standard rules, still restricted',
    (category) => {
      const ev = evaluate({ tier: 'eea_only', category, severity: 3 }, [], WEEKEND);
      expect(ev).toMatchObject({ tier: 'standard', restricted: true, routable: true, flags: ['excluded_category'] });
      expect(sorted(ev.allowedCountries)).toEqual(STANDARD);
    },
  );

  it('ignores a category that is not excluded', () => {
    expect(evaluate({ tier: 'eea_only', category: 'billing' }).tier).toBe('eea_only');
  });

  it('does not apply an exclusion for an unknown organisation (fail closed)', () => {
    const ev = evaluate({ tier: null, category: 'professional_services' });
    expect(ev.tier).toBe('eea_only');
    expect(ev.flags).toEqual(['unknown_organization']);
  });

  it('treats an unrecognised tier value as an unknown organisation', () => {
    const ev = evaluate({ tier: 'gold' as never, category: 'professional_services' });
    expect(ev.tier).toBe('eea_only');
    expect(ev.flags).toEqual(['unknown_organization']);
  });

  it('normalises required skills and explains every step', () => {
    const ev = evaluate({ skills: ['voice', 'billing', 'voice', ''] });
    expect(ev.requiredSkills).toEqual(['billing', 'voice']);
    expect(ev.trace.map((s) => s.rule)).toEqual(['region', 'organization', 'location', 'support_hours', 'skills']);
    expect(ev.policyVersion).toBe(shippedPolicy.version);
  });

  it('rejects an invalid severity or instant instead of guessing', () => {
    expect(() => evaluate({ severity: 5 as never })).toThrow(RangeError);
    expect(() => evaluate({}, [], new Date(NaN))).toThrow(RangeError);
  });

  it('refuses a policy object that was not compiled', () => {
    expect(() => evaluateTicket({ ...shippedPolicy }, { region: 'eu-west-1', severity: 1, tier: 'standard' }, [], OPEN)).toThrow(
      TypeError,
    );
  });
});

describe('evaluateTicket: consent', () => {
  const consent = (c: Partial<ConsentFacts>): ConsentFacts => ({
    countries: ['US'],
    grantedAt: at('2026-01-10T00:00:00Z'),
    expiresAt: at('2026-01-17T00:00:00Z'),
    ...c,
  });

  it.each<[string, Partial<ConsentFacts>, boolean]>([
    ['active', {}, true],
    ['without grantedAt', { grantedAt: null }, true],
    ['expired', { expiresAt: at('2026-01-14T09:00:00Z') }, false],
    ['revoked', { revokedAt: at('2026-01-14T08:00:00Z') }, false],
    ['revoked exactly now', { revokedAt: OPEN }, false],
    ['revocation scheduled later', { revokedAt: at('2026-01-15T00:00:00Z') }, true],
    ['granted in the future', { grantedAt: at('2026-01-14T09:00:00.001Z') }, false],
    ['granted exactly now', { grantedAt: OPEN }, true],
  ])('a %s consent unlocks US: %p', (_name, c, unlocks) => {
    const ev = evaluate({ tier: 'eea_only' }, [consent(c)]);
    expect(sorted(ev.unlockedCountries)).toEqual(unlocks ? ['US'] : []);
    expect(ev.flags.includes('consent_active')).toBe(unlocks);
    expect(sorted(ev.allowedCountries)).toEqual([...EEA_COUNTRIES].sort());
  });

  it('ignores countries the policy does not list as unlockable', () => {
    const ev = evaluate({ tier: 'eea_only' }, [consent({ countries: ['CN', 'US', 'RU'] })]);
    expect(sorted(ev.unlockedCountries)).toEqual(['US']);
    expect(ev.trace.filter((s) => s.outcome === 'ignored')).toHaveLength(2);
    expect(evaluate({}, [consent({ countries: ['CN'] })]).flags).not.toContain('consent_active');
  });

  it('unlocks nothing for a NON_EEA ticket and never changes hours', () => {
    expect(evaluate({ region: 'us-east-1' }, [consent({})]).unlockedCountries.size).toBe(0);
    const deferred = evaluate({ tier: 'eea_only', severity: 2 }, [consent({ expiresAt: at('2026-02-01T00:00:00Z') })], WEEKEND);
    expect(deferred.routable).toBe(false);
    expect(sorted(deferred.unlockedCountries)).toEqual(['US']);
  });

  it('unlocks for UNKNOWN tickets too (they are treated as EEA tickets)', () => {
    expect(sorted(evaluate({ region: null }, [consent({})]).unlockedCountries)).toEqual(['US']);
  });
});
