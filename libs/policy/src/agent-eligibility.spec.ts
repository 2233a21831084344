import { checkAgent, isCountryPermitted, permittedCountries } from './agent-eligibility';
import { isConsentActive } from './consent';
import { evaluateTicket } from './evaluate-ticket';
import { at, shippedPolicy } from '../../../test/support/policy.fixtures';
import type { ConsentFacts, TicketFacts } from './policy.types';

const NOW = at('2026-01-14T09:00:00Z');
const US_CONSENT: ConsentFacts = { id: 'c1', countries: ['US'], expiresAt: at('2026-01-20T00:00:00Z') };
const evaluate = (facts: Partial<TicketFacts>, consents: ConsentFacts[] = []) =>
  evaluateTicket(shippedPolicy, { region: 'eu-west-1', severity: 3, tier: 'eea_only', ...facts }, consents, NOW);

describe('checkAgent', () => {
  it.each<[string, Partial<TicketFacts>, ConsentFacts[], string | null, string[] | undefined, boolean, string[]]>([
    ['EEA agent on an eea_only ticket', {}, [], 'DE', [], true, []],
    ['adequate-country agent on an eea_only ticket', {}, [], 'CH', [], false, ['country_not_allowed']],
    ['adequate-country agent on a standard ticket', { tier: 'standard' }, [], 'CH', [], true, []],
    ['offshore agent on a standard ticket', { tier: 'standard' }, [], 'PH', [], true, []],
    ['US agent without consent', { tier: 'standard' }, [], 'US', [], false, ['country_not_allowed']],
    ['US agent with an active consent', {}, [US_CONSENT], 'US', [], true, ['consent_unlocked:US']],
    ['agent without country on an EEA ticket', {}, [], null, [], false, ['no_country']],
    ['agent without country on an UNKNOWN ticket', { region: null }, [], null, [], false, ['no_country']],
    ['agent without country on a NON_EEA ticket', { region: 'us-east-1' }, [], null, [], true, []],
    ['any agent on a NON_EEA ticket', { region: 'eu-central-2' }, [], 'RU', [], true, []],
    ['missing skills', { skills: ['voice', 'de'] }, [], 'FR', ['de'], false, ['missing_skill:voice']],
    ['location checked before skills', { skills: ['voice'] }, [], 'US', [], false, ['country_not_allowed']],
    [
      'consent-unlocked agent missing a skill',
      { skills: ['voice'] },
      [US_CONSENT],
      'US',
      [],
      false,
      ['consent_unlocked:US', 'missing_skill:voice'],
    ],
    ['escalated to the agent country', { escalationCountry: 'FR' }, [], 'FR', [], true, []],
    ['escalated to another country', { escalationCountry: 'FR' }, [], 'DE', [], false, ['escalated_to_other_country']],
    ['escalated to US with consent', { escalationCountry: 'US' }, [US_CONSENT], 'US', [], true, ['consent_unlocked:US']],
    ['escalated to US without consent', { escalationCountry: 'US' }, [], 'US', [], false, ['escalation_not_allowed']],
    ['escalation not allowed blocks everyone', { escalationCountry: 'US' }, [], 'DE', [], false, ['escalation_not_allowed']],
    [
      'escalation on a NON_EEA ticket narrows',
      { region: 'us-east-1', escalationCountry: 'JP' },
      [],
      'US',
      [],
      false,
      ['escalated_to_other_country'],
    ],
    [
      'escalation on a NON_EEA ticket admits that country',
      { region: 'us-east-1', escalationCountry: 'JP' },
      [],
      'JP',
      [],
      true,
      [],
    ],
  ])('%s', (_name, facts, consents, country, skills, eligible, reasons) => {
    const ev = evaluate(facts, consents);
    expect(checkAgent(ev, { id: 'a1', country, skills })).toEqual({ id: 'a1', eligible, reasons });
    expect(isCountryPermitted(ev, country)).toBe(!reasons.some((r) => /country|escalat/.test(r)));
  });

  it('narrows permittedCountries by escalation and flags a refused one', () => {
    expect(permittedCountries(evaluate({ escalationCountry: 'FR' }))).toEqual(['FR']);
    const refused = evaluate({ escalationCountry: 'US' });
    expect(permittedCountries(refused)).toEqual([]);
    expect(refused.flags).toContain('escalation_not_allowed');
    expect(evaluate({ escalationCountry: 'XX' }).flags).toContain('escalation_not_allowed');
    expect(permittedCountries(evaluate({ region: 'us-east-1', escalationCountry: 'ZZ' }))).toEqual([]);
  });

  it('lists allowed ∪ unlocked, sorted', () => {
    const list = permittedCountries(evaluate({}, [US_CONSENT]));
    expect(list).toContain('US');
    expect(list).toEqual([...(list as string[])].sort());
    expect(list).toHaveLength(31);
  });

  it('still narrows after the evaluation is copied or serialised and revived', () => {
    const ev = evaluate({ escalationCountry: 'FR' });
    const copy = { ...ev };
    expect(isCountryPermitted(copy, 'DE')).toBe(false);
    expect(isCountryPermitted(copy, 'FR')).toBe(true);
    const revived = {
      ...JSON.parse(JSON.stringify(ev)),
      allowedCountries: ev.allowedCountries,
      unlockedCountries: ev.unlockedCountries,
    };
    expect(checkAgent(revived, { id: 'x', country: 'DE' }).reasons).toEqual(['escalated_to_other_country']);
    expect(JSON.stringify(ev)).not.toContain('countryPool');
  });
});

describe('isConsentActive: grantedAt <= now < expiresAt and not revoked', () => {
  const c = (over: Partial<ConsentFacts>): ConsentFacts => ({
    countries: ['US'],
    expiresAt: at('2026-01-20T00:00:00Z'),
    ...over,
  });
  it.each<[string, Partial<ConsentFacts>, string, boolean]>([
    ['just before expiry', {}, '2026-01-19T23:59:59.999Z', true],
    ['at expiry', {}, '2026-01-20T00:00:00Z', false],
    ['at grant', { grantedAt: at('2026-01-10T00:00:00Z') }, '2026-01-10T00:00:00Z', true],
    ['before grant', { grantedAt: at('2026-01-10T00:00:00Z') }, '2026-01-09T23:59:59.999Z', false],
    ['at revocation', { revokedAt: at('2026-01-12T00:00:00Z') }, '2026-01-12T00:00:00Z', false],
    ['before revocation', { revokedAt: at('2026-01-12T00:00:00Z') }, '2026-01-11T23:59:59.999Z', true],
    ['unreadable revocation', { revokedAt: new Date(NaN) }, '2026-01-11T00:00:00Z', false],
    ['unreadable expiry', { expiresAt: new Date(NaN) }, '2026-01-11T00:00:00Z', false],
  ])('%s', (_name, over, now, active) => {
    expect(isConsentActive(c(over), at(now))).toBe(active);
  });
});
