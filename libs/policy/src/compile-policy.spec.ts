import { createHash } from 'node:crypto';
import { compilePolicy, loadPolicyFile } from './compile-policy';
import { ISO_COUNTRY_CODES } from './iso-countries';
import { EEA_COUNTRIES, SHIPPED_POLICY_PATH, shippedPolicy, shippedPolicyText } from '../../../test/support/policy.fixtures';

describe('shipped policy config/policy.yaml', () => {
  it('loads from disk with a sha256 policyVersion of the file content', () => {
    const policy = loadPolicyFile(SHIPPED_POLICY_PATH);
    const hex = createHash('sha256').update(shippedPolicyText).digest('hex');
    expect(policy.version).toBe(`sha256:${hex.slice(0, 16)}`);
    expect(policy.version).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(policy.timezone).toBe('Europe/Brussels');
  });

  it('changes version when any byte changes, even a comment', () => {
    expect(compilePolicy(`${shippedPolicyText}\n# edited\n`).version).not.toBe(shippedPolicy.version);
  });

  it.each([
    ['us-east-1', 'US'],
    ['us-east-2', 'US'],
    ['us-west-1', 'US'],
    ['us-west-2', 'US'],
    ['ca-central-1', 'CA'],
    ['ca-west-1', 'CA'],
    ['mx-central-1', 'MX'],
    ['sa-east-1', 'BR'],
    ['eu-central-1', 'DE'],
    ['eu-central-2', 'CH'],
    ['eu-west-1', 'IE'],
    ['eu-west-2', 'GB'],
    ['eu-west-3', 'FR'],
    ['eu-south-1', 'IT'],
    ['eu-south-2', 'ES'],
    ['eu-north-1', 'SE'],
    ['af-south-1', 'ZA'],
    ['il-central-1', 'IL'],
    ['me-south-1', 'BH'],
    ['me-central-1', 'AE'],
    ['ap-east-1', 'HK'],
    ['ap-east-2', 'TW'],
    ['ap-south-1', 'IN'],
    ['ap-south-2', 'IN'],
    ['ap-northeast-1', 'JP'],
    ['ap-northeast-2', 'KR'],
    ['ap-northeast-3', 'JP'],
    ['ap-southeast-1', 'SG'],
    ['ap-southeast-2', 'AU'],
    ['ap-southeast-3', 'ID'],
    ['ap-southeast-4', 'AU'],
    ['ap-southeast-5', 'MY'],
    ['ap-southeast-6', 'NZ'],
    ['ap-southeast-7', 'TH'],
    ['us-gov-west-1', 'US'],
    ['us-gov-east-1', 'US'],
    ['cn-north-1', 'CN'],
    ['cn-northwest-1', 'CN'],
    ['eusc-de-east-1', 'DE'],
  ])('maps %s to %s', (region, country) => {
    expect(shippedPolicy.regionCountry(region)).toBe(country);
  });

  it('lists exactly the catalogue above and nothing unknown', () => {
    expect(Object.keys(shippedPolicy.describe().regions)).toHaveLength(39);
    expect(shippedPolicy.regionCountry('eu-west-9')).toBeUndefined();
  });

  it('describes tiers, sets, exclusions, consent and hours for GET /v1/policy', () => {
    const d = shippedPolicy.describe();
    expect(d.policyVersion).toBe(shippedPolicy.version);
    expect([...d.countrySets.EEA].sort()).toEqual([...EEA_COUNTRIES].sort());
    expect(d.countrySets.ADEQUATE).toEqual(['AD', 'AR', 'CA', 'CH', 'FO', 'GB', 'GG', 'IL', 'IM', 'JE', 'JP', 'KR', 'NZ', 'UY']);
    expect(d.countrySets.OFFSHORE).toEqual(['IN', 'PH']);
    expect(d.tiers.eea_only.allowedCountries).toEqual([...EEA_COUNTRIES].sort());
    expect(d.tiers.standard.allowedCountries).toHaveLength(30 + 14 + 2);
    expect(d.tiers.standard.allowedCountries).not.toContain('US');
    expect(d.tiers.eea_only.hours).toEqual([
      { severities: [1], always: true },
      { severities: [2, 3, 4], days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], from: '09:00', to: '18:00' },
    ]);
    expect(d.exclusions.categories).toEqual([
      'custom_application_support',
      'professional_services',
      'third_party_application',
      'optional_subprocessor',
    ]);
    expect(d.consent).toEqual({ unlockableCountries: ['US'], defaultDurationDays: 7, maxDurationDays: 30 });
    expect(d.supportHours).toEqual({ timezone: 'Europe/Brussels' });
    expect(d.holidays).toEqual({});
    expect(d.regions['eu-central-2']).toEqual({ country: 'CH', name: 'Europe (Zurich)', jurisdiction: 'NON_EEA' });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('returns a fresh description each time so callers cannot alter the policy', () => {
    shippedPolicy.describe().countrySets.EEA.push('US');
    expect(shippedPolicy.describe().countrySets.EEA).not.toContain('US');
  });

  it('exposes consent rules and unlockable countries', () => {
    expect(shippedPolicy.consent).toEqual({ unlockableCountries: ['US'], defaultDurationDays: 7, maxDurationDays: 30 });
    expect(shippedPolicy.isUnlockable('US')).toBe(true);
    expect(shippedPolicy.isUnlockable('CN')).toBe(false);
  });

  it('embeds all 249 ISO 3166-1 alpha-2 codes', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    for (const code of ['NO', 'GB', 'AX', 'SS', 'BQ', 'US']) expect(ISO_COUNTRY_CODES.has(code)).toBe(true);
    for (const code of ['UK', 'EU', 'XK', 'no']) expect(ISO_COUNTRY_CODES.has(code)).toBe(false);
  });
});

describe('policy files that cannot be read', () => {
  it('places a YAML syntax error at its real line and column', () => {
    const text = 'version: 1\ntimezone: Europe/Brussels\ntiers: [unclosed\n';
    expect(() => compilePolicy(text, 'broken.yaml')).toThrow(/\(yaml line [34], column \d+\)/);
    try {
      compilePolicy('version: 1\nversion: 2\n');
    } catch (e) {
      expect((e as Error).message).toMatch(/\(yaml line 2, column 1\): .*unique/i);
    }
    expect.assertions(2);
  });

  it('names a missing file plainly, with the variable it came from, in one line', () => {
    expect(() => loadPolicyFile('config/nope.yaml', 'POLICY_FILE')).toThrow(
      /^Cannot read the residency policy file POLICY_FILE=config\/nope\.yaml \(\/.*config\/nope\.yaml\): no such file\.$/,
    );
  });
});
