import { compilePolicy } from './compile-policy';
import { editedPolicyText, shippedPolicyText, type PolicyDoc } from '../../../test/support/policy.fixtures';
import { PolicyValidationError } from './policy-validation.error';

function issuesOf(text: string) {
  try {
    compilePolicy(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyValidationError);
    return (error as PolicyValidationError).issues;
  }
  throw new Error('expected the policy to be rejected');
}

const windowRule = (from: string, to: string, days = ['Mon'], severities = [2, 3, 4]) => ({ severities, days, from, to });

describe('policy validation', () => {
  it.each<[string, (doc: PolicyDoc) => void, string, RegExp]>([
    [
      'unknown top-level key',
      (d) => {
        d.tiers2 = {};
      },
      'tiers2',
      /unknown key/,
    ],
    [
      'unknown tier key',
      (d) => {
        d.tiers.eea_only.hourz = [];
      },
      'tiers.eea_only.hourz',
      /unknown key/,
    ],
    [
      'unknown key in a region',
      (d) => {
        d.regions['eu-west-1'].cuntry = 'IE';
      },
      'regions.eu-west-1.cuntry',
      /unknown key/,
    ],
    [
      'region without a country',
      (d) => {
        d.regions['eu-west-1'] = { name: 'Ireland' };
      },
      'regions.eu-west-1.country',
      /missing/,
    ],
    [
      'unknown region country',
      (d) => {
        d.regions['eu-west-1'].country = 'UK';
      },
      'regions.eu-west-1.country',
      /'UK' is not an ISO 3166-1 alpha-2/,
    ],
    [
      'lower-case country',
      (d) => {
        d.regions['eu-west-1'].country = 'ie';
      },
      'regions.eu-west-1.country',
      /not an ISO/,
    ],
    [
      'bad region code',
      (d) => {
        d.regions.Ireland = { country: 'IE' };
      },
      'regions.Ireland',
      /not an AWS region code/,
    ],
    [
      'unknown country in a set',
      (d) => {
        d.countrySets.EEA.push('XX');
      },
      'countrySets.EEA[30]',
      /'XX' is not an ISO/,
    ],
    [
      'duplicate country in a set',
      (d) => {
        d.countrySets.OFFSHORE.push('IN');
      },
      'countrySets.OFFSHORE[2]',
      /duplicate 'IN'/,
    ],
    [
      'missing EEA set',
      (d) => {
        delete d.countrySets.EEA;
        d.tiers.eea_only.allowedCountrySets = ['OFFSHORE'];
        d.tiers.standard.allowedCountrySets = ['OFFSHORE'];
      },
      'countrySets.EEA',
      /missing/,
    ],
    [
      'tier refers to an unknown set',
      (d) => {
        d.tiers.standard.allowedCountrySets.push('ADEQUAT');
      },
      'tiers.standard.allowedCountrySets[3]',
      /unknown country set 'ADEQUAT'/,
    ],
    [
      'tier with no sets',
      (d) => {
        d.tiers.standard.allowedCountrySets = [];
      },
      'tiers.standard.allowedCountrySets',
      /must not be empty/,
    ],
    [
      'unknown tier',
      (d) => {
        d.tiers.premium = d.tiers.standard;
      },
      'tiers.premium',
      /unknown key/,
    ],
    [
      'missing tier',
      (d) => {
        delete d.tiers.standard;
      },
      'tiers.standard',
      /missing/,
    ],
    [
      'empty hours',
      (d) => {
        d.tiers.eea_only.hours = [];
      },
      'tiers.eea_only.hours',
      /must not be empty/,
    ],
    [
      'window with no days',
      (d) => {
        d.tiers.eea_only.hours[1].days = [];
      },
      'tiers.eea_only.hours[1].days',
      /must not be empty/,
    ],
    [
      'unknown day',
      (d) => {
        d.tiers.eea_only.hours[1].days = ['Mon', 'Funday'];
      },
      'tiers.eea_only.hours[1].days[1]',
      /'Funday' is not a day/,
    ],
    [
      'start equal to end',
      (d) => {
        d.tiers.eea_only.hours[1].to = '09:00';
      },
      'tiers.eea_only.hours[1].from',
      /start 09:00 must be before its end 09:00/,
    ],
    [
      'start after end',
      (d) => {
        d.tiers.eea_only.hours[1].from = '19:00';
      },
      'tiers.eea_only.hours[1].from',
      /start 19:00 must be before its end 18:00/,
    ],
    [
      'malformed time',
      (d) => {
        d.tiers.eea_only.hours[1].from = '9am';
      },
      'tiers.eea_only.hours[1].from',
      /HH:MM/,
    ],
    [
      'hour 24 as a start',
      (d) => {
        d.tiers.eea_only.hours[1].from = '24:00';
      },
      'tiers.eea_only.hours[1].from',
      /HH:MM/,
    ],
    [
      'overlapping windows',
      (d) => {
        d.tiers.eea_only.hours.push(windowRule('17:00', '20:00', ['Fri'], [3]));
      },
      'tiers.eea_only.hours[2]',
      /overlaps hours\[1\] on Fri for severity 3/,
    ],
    [
      'severity both always and windowed',
      (d) => {
        d.tiers.eea_only.hours[1].severities = [1, 2, 3, 4];
      },
      'tiers.eea_only.hours[1].severities',
      /severity 1 is already always open/,
    ],
    [
      'severity without hours',
      (d) => {
        d.tiers.eea_only.hours[1].severities = [2, 3];
      },
      'tiers.eea_only.hours',
      /severity 4 has no hours/,
    ],
    [
      'invalid severity',
      (d) => {
        d.tiers.eea_only.hours[1].severities = [2, 3, 4, 5];
      },
      'tiers.eea_only.hours[1].severities[3]',
      /severity 1, 2, 3 or 4/,
    ],
    [
      'always with a window',
      (d) => {
        d.tiers.standard.hours[0].from = '09:00';
      },
      'tiers.standard.hours[0].from',
      /not allowed together with always/,
    ],
    [
      'always: false',
      (d) => {
        d.tiers.standard.hours[0].always = false;
      },
      'tiers.standard.hours[0].always',
      /must be true/,
    ],
    [
      'invalid timezone',
      (d) => {
        d.supportHours.timezone = 'CET/Brussels';
      },
      'supportHours.timezone',
      /not an IANA time zone/,
    ],
    [
      'default duration above max',
      (d) => {
        d.consent.defaultDurationDays = 31;
      },
      'consent.defaultDurationDays',
      /31 exceeds maxDurationDays \(30\)/,
    ],
    [
      'non-integer duration',
      (d) => {
        d.consent.maxDurationDays = 1.5;
      },
      'consent.maxDurationDays',
      /positive whole number/,
    ],
    [
      'unknown unlockable country',
      (d) => {
        d.consent.unlockableCountries = ['USA'];
      },
      'consent.unlockableCountries[0]',
      /'USA' is not an ISO/,
    ],
    [
      'unknown exclusion tier',
      (d) => {
        d.exclusions.followTier = 'gold';
      },
      'exclusions.followTier',
      /unknown tier 'gold'/,
    ],
    [
      'bad holiday date',
      (d) => {
        d.holidays = { belgium: ['2026-02-30'] };
      },
      'holidays.belgium[0]',
      /not a local date/,
    ],
    [
      'unknown holiday calendar',
      (d) => {
        d.tiers.eea_only.holidays = ['belgium'];
      },
      'tiers.eea_only.holidays[0]',
      /unknown holiday calendar 'belgium'/,
    ],
  ])('rejects %s', (_name, edit, path, message) => {
    const issues = issuesOf(editedPolicyText(edit));
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('reports every issue, one per line in the message', () => {
    const text = editedPolicyText((d) => {
      d.regions['eu-west-1'].country = 'UK';
      d.supportHours.timezone = 'Mars/Olympus';
    });
    expect(() => compilePolicy(text)).toThrow(PolicyValidationError);
    try {
      compilePolicy(text);
    } catch (error) {
      const e = error as PolicyValidationError;
      expect(e.issues.map((i) => i.path).sort()).toEqual(['regions.eu-west-1.country', 'supportHours.timezone']);
      expect(e.message.split('\n')).toEqual([
        'Invalid residency policy:',
        "  supportHours.timezone: 'Mars/Olympus' is not an IANA time zone (e.g. Europe/Brussels)",
        "  regions.eu-west-1.country: 'UK' is not an ISO 3166-1 alpha-2 country code",
      ]);
    }
  });

  it('rejects YAML syntax errors and duplicate keys with their line', () => {
    const dup = shippedPolicyText.replace('  eu-west-1:', '  eu-west-1: { country: IE }\n  eu-west-1:');
    expect(issuesOf(dup)[0]).toEqual({
      path: expect.stringMatching(/^\(yaml line \d+, column \d+\)$/),
      message: expect.stringMatching(/unique/i),
    });
    expect(issuesOf('tiers: [unclosed')[0].path).toMatch(/^\(yaml line/);
  });

  it('rejects an empty document and a non-mapping root', () => {
    expect(issuesOf('')).toContainEqual({ path: '(root)', message: 'missing' });
    expect(issuesOf('- a\n- b\n')).toContainEqual({ path: '(root)', message: 'must be a mapping' });
  });

  it('accepts adjacent (touching) windows, holidays and a 24:00 end', () => {
    const text = editedPolicyText((d) => {
      d.holidays = { belgium: ['2026-12-25'] };
      d.tiers.eea_only.holidays = ['belgium'];
      d.tiers.eea_only.hours = [
        { severities: [1], always: true },
        windowRule('09:00', '12:00', ['Mon', 'Tue']),
        windowRule('12:00', '24:00', ['Mon', 'Tue']),
      ];
    });
    expect(() => compilePolicy(text)).not.toThrow();
  });

  it('reads Norway as the string NO (YAML 1.2), not as false', () => {
    expect(compilePolicy(shippedPolicyText).describe().countrySets.EEA).toContain('NO');
  });
});
