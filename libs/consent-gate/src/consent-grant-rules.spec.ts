import { shippedPolicy } from '../../../test/support/policy.fixtures';
import { CheckedGrant, GrantConsentInput, checkGrant } from './consent-grant-rules';

const now = new Date('2026-11-23T10:00:00Z');
const base: GrantConsentInput = {
  ticketId: 't-1',
  countries: ['US'],
  approvedBy: { name: 'A. Customer' },
  evidence: 'email 2026-11-23',
};
const fields = (r: ReturnType<typeof checkGrant>) => (Array.isArray(r) ? r.map((d) => d.field) : []);

describe('checkGrant', () => {
  it('defaults to the policy duration and normalises countries', () => {
    const r = checkGrant(shippedPolicy, { ...base, countries: ['US', 'US'] }, now) as CheckedGrant;
    expect(r).toEqual({ scope: { ticketId: 't-1' }, countries: ['US'], expiresAt: new Date('2026-11-30T10:00:00Z') });
  });

  it('refuses countries the policy does not list as unlockable', () => {
    expect(fields(checkGrant(shippedPolicy, { ...base, countries: ['US', 'CN'] }, now))).toEqual(['countries']);
  });

  it('bounds the time box to (now, now + maxDurationDays]', () => {
    const ok = checkGrant(shippedPolicy, { ...base, expiresAt: '2026-12-23T10:00:00Z' }, now) as CheckedGrant;
    expect(ok.expiresAt.toISOString()).toBe('2026-12-23T10:00:00.000Z');
    for (const expiresAt of ['2026-12-23T10:00:00.001Z', '2026-11-23T10:00:00Z', '2026-01-01T00:00:00Z', 'soon']) {
      expect(fields(checkGrant(shippedPolicy, { ...base, expiresAt }, now))).toEqual(['expiresAt']);
    }
  });

  it('needs exactly one scope', () => {
    expect(fields(checkGrant(shippedPolicy, { ...base, organizationId: 'o', problemRef: 'p' }, now))).toEqual(['ticketId']);
    expect(fields(checkGrant(shippedPolicy, { ...base, ticketId: undefined }, now))).toEqual(['ticketId']);
    expect(fields(checkGrant(shippedPolicy, { ...base, ticketId: undefined, organizationId: 'o' }, now))).toEqual(['problemRef']);
    const problem = checkGrant(
      shippedPolicy,
      { ...base, ticketId: undefined, organizationId: 'o', problemRef: 'p' },
      now,
    ) as CheckedGrant;
    expect(problem.scope).toEqual({ organizationId: 'o', problemRef: 'p' });
  });
});
