import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { policyModel, type CompiledSchedule } from './compiled-policy';
import { editedPolicy, shippedPolicy } from '../../../test/support/policy.fixtures';
import { civilTime, isOpenAt, nextOpeningOf, scheduleFor } from './support-hours';

/** The uncached implementation, plain Luxon on the named zone throughout: the behaviour to keep. */
const reference = {
  isOpenAt(schedule: CompiledSchedule, zone: string, instantMs: number): boolean {
    if (schedule.always) return true;
    const local = DateTime.fromMillis(instantMs, { zone });
    if (schedule.holidays.has(local.toISODate() ?? '')) return false;
    const msOfDay = ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
    return schedule.byWeekday[local.weekday].some((w) => w.fromMinute * 60_000 <= msOfDay && msOfDay < w.toMinute * 60_000);
  },
  nextOpeningOf(schedule: CompiledSchedule, zone: string, now: Date): Date | null {
    const nowMs = now.getTime();
    if (reference.isOpenAt(schedule, zone, nowMs)) return null;
    const today = DateTime.fromMillis(nowMs, { zone }).startOf('day');
    for (let i = 0; i <= schedule.holidays.size + 8; i++) {
      const day = today.plus({ days: i });
      if (schedule.holidays.has(day.toISODate() ?? '')) continue;
      for (const w of schedule.byWeekday[day.weekday]) {
        const opening = DateTime.fromObject(
          { year: day.year, month: day.month, day: day.day, hour: Math.floor(w.fromMinute / 60), minute: w.fromMinute % 60 },
          { zone },
        ).toMillis();
        if (opening > nowMs && reference.isOpenAt(schedule, zone, opening)) return new Date(opening);
      }
    }
    throw new RangeError('support hours never open: the policy cannot be evaluated');
  },
};

const ZONES = ['Europe/Brussels', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
const MIN_MS = Date.UTC(1971, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);
const STEP_MS = 30 * 86_400_000; // these zones change offset at most once a month

/** Every offset change of `zone` in [MIN_MS, MAX_MS), to the second as Luxon resolves it (scan, then bisection). */
function transitionsOf(zone: string): number[] {
  const tz = IANAZone.create(zone);
  const found: number[] = [];
  for (let lo = MIN_MS; lo < MAX_MS; lo += STEP_MS) {
    const before = tz.offset(lo);
    let [a, b] = [lo / 1000, (lo + STEP_MS) / 1000];
    if (tz.offset(b * 1000) === before) continue;
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (tz.offset(mid * 1000) === before) a = mid;
      else b = mid;
    }
    found.push(b * 1000);
  }
  return found;
}

/** EU rule: 01:00 UTC on the last Sunday of March and of October. */
function euTransition(year: number, month: 3 | 10): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

const TRANSITIONS = ZONES.flatMap(transitionsOf);
const nearby = (anchor: fc.Arbitrary<number>) =>
  fc.tuple(anchor, fc.integer({ min: -120_000, max: 120_000 })).map(([t, d]) => t + d);
const instantMs = fc.oneof(
  fc.integer({ min: MIN_MS, max: MAX_MS }),
  nearby(fc.tuple(fc.integer({ min: 1981, max: 2099 }), fc.constantFrom<3 | 10>(3, 10)).map(([y, m]) => euTransition(y, m))),
  nearby(fc.constantFrom(...TRANSITIONS)),
);
/** A second instant in the same UTC minute, so that the cached path is exercised as well. */
const sameMinute = (ms: number, second: number) => ms - (ms % 60_000) + second;
const fields = (d: DateTime) =>
  [d.toMillis(), d.toISODate(), d.year, d.month, d.day, d.hour, d.minute, d.second, d.millisecond, d.weekday, d.offset].join(' ');

const weekdays = scheduleFor(policyModel(shippedPolicy), 'eea_only', 3);
const oddHours = scheduleFor(
  policyModel(
    editedPolicy((d) => {
      d.holidays = { some: ['2026-12-24', '2027-03-28', '2031-10-26', '2044-04-03'] };
      d.tiers.eea_only.holidays = ['some'];
      d.tiers.eea_only.hours = [
        { severities: [1], always: true },
        { severities: [2, 3, 4], days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], from: '09:00', to: '18:00' },
        { severities: [2, 3, 4], days: ['Sun'], from: '00:00', to: '00:30' },
        { severities: [2, 3, 4], days: ['Sun'], from: '02:15', to: '03:00' },
        { severities: [2, 3, 4], days: ['Sat', 'Sun'], from: '03:45', to: '04:00' },
        { severities: [2, 3, 4], days: ['Sat'], from: '01:45', to: '02:30' },
      ];
    }),
  ),
  'eea_only',
  2,
);

describe('civilTime: the per-minute offset cache changes no answer', () => {
  it('scans some transitions in every zone with DST', () => {
    expect(TRANSITIONS.length).toBeGreaterThan(4 * 100);
  });

  it('gives the civil fields and offset of plain Luxon, cached or not', () => {
    fc.assert(
      fc.property(instantMs, fc.integer({ min: 0, max: 59_999 }), fc.constantFrom(...ZONES), (ms, second, zone) => {
        for (const t of [ms, sameMinute(ms, second), ms]) {
          const [got, want] = [fields(civilTime(t, zone)), fields(DateTime.fromMillis(t, { zone }))];
          if (got !== want) expect(got).toBe(want); // expect() only on failure: it is slow enough to matter here
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with plain Luxon on isOpenAt and nextOpeningOf', () => {
    const schedule = fc.constantFrom(weekdays, oddHours);
    fc.assert(
      fc.property(instantMs, fc.integer({ min: 0, max: 59_999 }), fc.constantFrom(...ZONES), schedule, (ms, second, zone, s) => {
        for (const t of [ms, sameMinute(ms, second)]) {
          const got = [isOpenAt(s, zone, t), nextOpeningOf(s, zone, new Date(t))?.toISOString()];
          const want = [reference.isOpenAt(s, zone, t), reference.nextOpeningOf(s, zone, new Date(t))?.toISOString()];
          if (got[0] !== want[0] || got[1] !== want[1]) expect(got).toEqual(want);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['Pacific/Kwajalein', '1993-08-21T12:00:00Z'],
    ['Pacific/Kiritimati', '1994-12-31T10:00:00Z'],
    ['Pacific/Apia', '2011-12-30T10:00:00Z'],
  ])('walks the days %s has (it skipped a whole calendar day at %s) like plain Luxon', (zone, skip) => {
    for (let t = Date.parse(skip) - 2 * 86_400_000; t < Date.parse(skip) + 2 * 86_400_000; t += 15 * 60_000) {
      for (const s of [weekdays, oddHours]) {
        expect(nextOpeningOf(s, zone, new Date(t))?.toISOString()).toBe(
          reference.nextOpeningOf(s, zone, new Date(t))?.toISOString(),
        );
      }
    }
  });

  it('does not cache a minute whose offset changes mid-minute (Africa/Monrovia, 1972-01-07T00:44:30Z)', () => {
    const minute = Date.parse('1972-01-07T00:44:00Z');
    for (const t of [minute, minute + 29_999, minute + 30_000, minute + 59_999, minute, minute + 45_000, minute + 10_000]) {
      const got = civilTime(t, 'Africa/Monrovia');
      const want = DateTime.fromMillis(t, { zone: 'Africa/Monrovia' });
      expect([got.toISO(), got.offset]).toEqual([want.toISO(), want.offset]);
    }
  });

  it('falls back to plain Luxon before 1970 and for invalid instants', () => {
    const before = Date.parse('1969-12-31T23:30:15.5Z');
    expect(civilTime(before, 'Europe/Brussels').toISO()).toBe(DateTime.fromMillis(before, { zone: 'Europe/Brussels' }).toISO());
    expect(civilTime(Number.NaN, 'Europe/Brussels').isValid).toBe(false);
    expect(() => nextOpeningOf(weekdays, 'Europe/Brussels', new Date(Number.NaN))).toThrow(RangeError);
  });
});
