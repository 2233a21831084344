import { evaluateTicket } from './evaluate-ticket';
import { at, editedPolicy, shippedPolicy } from '../../../test/support/policy.fixtures';
import type { Severity } from './policy.types';
import { nextOpening } from './support-hours';

const deferredUntil = (iso: string, severity: Severity = 3) =>
  nextOpening(shippedPolicy, 'eea_only', severity, at(iso))?.toISOString() ?? null;

describe('eea_only support hours, [09:00, 18:00) Europe/Brussels, Mon-Fri', () => {
  // Wednesday 14 January 2026 is CET (UTC+1); Wednesday 15 July 2026 is CEST (UTC+2).
  it.each([
    ['08:59:59.999 local is deferred to 09:00', '2026-01-14T07:59:59.999Z', '2026-01-14T08:00:00.000Z'],
    ['09:00 local is open', '2026-01-14T08:00:00.000Z', null],
    ['17:59:59.999 local is open', '2026-01-14T16:59:59.999Z', null],
    ['18:00 local is deferred to the next day 09:00', '2026-01-14T17:00:00.000Z', '2026-01-15T08:00:00.000Z'],
    ['midnight is deferred to 09:00 the same day', '2026-01-13T23:00:00.000Z', '2026-01-14T08:00:00.000Z'],
    ['summer 08:59 is deferred to 09:00 CEST', '2026-07-15T06:59:00.000Z', '2026-07-15T07:00:00.000Z'],
    ['summer 09:00 CEST is open', '2026-07-15T07:00:00.000Z', null],
    ['summer 18:00 CEST is deferred', '2026-07-15T16:00:00.000Z', '2026-07-16T07:00:00.000Z'],
    ['Friday evening goes to Monday 09:00', '2026-01-16T19:30:00.000Z', '2026-01-19T08:00:00.000Z'],
    ['Friday 18:00 exactly goes to Monday', '2026-01-16T17:00:00.000Z', '2026-01-19T08:00:00.000Z'],
    ['Saturday goes to Monday', '2026-01-17T12:00:00.000Z', '2026-01-19T08:00:00.000Z'],
    ['Sunday 23:59 goes to Monday', '2026-01-18T22:59:00.000Z', '2026-01-19T08:00:00.000Z'],
    // Spring forward: Sunday 29 March 2026 02:00 CET -> 03:00 CEST.
    ['Friday 27 Mar 19:00 CET goes to Monday 30 Mar 09:00 CEST', '2026-03-27T18:00:00.000Z', '2026-03-30T07:00:00.000Z'],
    ['Sunday 29 Mar 01:30 CET, before the jump', '2026-03-29T00:30:00.000Z', '2026-03-30T07:00:00.000Z'],
    ['Sunday 29 Mar 03:30 CEST, after the jump', '2026-03-29T01:30:00.000Z', '2026-03-30T07:00:00.000Z'],
    ['Friday 27 Mar 17:59 CET is open', '2026-03-27T16:59:00.000Z', null],
    // Fall back: Sunday 25 October 2026 03:00 CEST -> 02:00 CET.
    ['Sunday 25 Oct 02:30 CEST (first pass)', '2026-10-25T00:30:00.000Z', '2026-10-26T08:00:00.000Z'],
    ['Sunday 25 Oct 02:30 CET (second pass)', '2026-10-25T01:30:00.000Z', '2026-10-26T08:00:00.000Z'],
    ['Sunday 25 Oct noon goes to Monday 09:00 CET = 08:00Z', '2026-10-25T11:00:00.000Z', '2026-10-26T08:00:00.000Z'],
    ['Friday 23 Oct 18:00 CEST goes to Monday 26 Oct 09:00 CET', '2026-10-23T16:00:00.000Z', '2026-10-26T08:00:00.000Z'],
    ['Monday 26 Oct 08:00Z is 09:00 CET: open', '2026-10-26T08:00:00.000Z', null],
    ['Monday 26 Oct 07:59Z is 08:59 CET: deferred', '2026-10-26T07:59:00.000Z', '2026-10-26T08:00:00.000Z'],
  ])('%s', (_name, now, expected) => {
    expect(deferredUntil(now)).toBe(expected);
  });

  it.each([2, 4] as Severity[])('applies to severity %i as well', (severity) => {
    expect(deferredUntil('2026-01-17T12:00:00.000Z', severity)).toBe('2026-01-19T08:00:00.000Z');
  });

  it('keeps severity 1 open around the clock, and standard always open', () => {
    for (const now of ['2026-01-17T03:00:00Z', '2026-10-25T01:30:00Z', '2026-03-29T01:30:00Z']) {
      expect(nextOpening(shippedPolicy, 'eea_only', 1, at(now))).toBeNull();
      for (const s of [1, 2, 3, 4] as Severity[]) expect(nextOpening(shippedPolicy, 'standard', s, at(now))).toBeNull();
    }
  });

  describe('with a holiday calendar', () => {
    const policy = editedPolicy((d) => {
      d.holidays = { belgium: ['2026-12-24', '2026-12-25', '2026-12-28', '2027-01-01'] };
      d.tiers.eea_only.holidays = ['belgium'];
    });

    it('skips holidays and the week-end in between', () => {
      // Wednesday 23 Dec 18:00 CET -> Thu 24, Fri 25 holidays, week-end, Mon 28 holiday -> Tue 29 09:00.
      expect(nextOpening(policy, 'eea_only', 2, at('2026-12-23T17:00:00Z'))?.toISOString()).toBe('2026-12-29T08:00:00.000Z');
    });

    it('is closed during a holiday even at 10:00 local', () => {
      expect(nextOpening(policy, 'eea_only', 3, at('2027-01-01T09:00:00Z'))?.toISOString()).toBe('2027-01-04T08:00:00.000Z');
    });

    it('never closes severity 1 nor the standard tier', () => {
      expect(nextOpening(policy, 'eea_only', 1, at('2026-12-25T10:00:00Z'))).toBeNull();
      expect(nextOpening(policy, 'standard', 3, at('2026-12-25T10:00:00Z'))).toBeNull();
    });

    it('interprets holiday dates in the policy zone, not UTC', () => {
      // 2026-12-23T23:30Z is already 24 Dec 00:30 in Brussels: a holiday.
      const ev = evaluateTicket(policy, { region: 'eu-west-1', severity: 2, tier: 'eea_only' }, [], at('2026-12-23T23:30:00Z'));
      expect(ev.deferredUntil?.toISOString()).toBe('2026-12-29T08:00:00.000Z');
    });
  });

  it('supports split windows and a window running to midnight', () => {
    const policy = editedPolicy((d) => {
      d.tiers.eea_only.hours = [
        { severities: [1], always: true },
        { severities: [2, 3, 4], days: ['Mon'], from: '08:00', to: '12:00' },
        { severities: [2, 3, 4], days: ['Mon'], from: '13:00', to: '24:00' },
      ];
    });
    expect(nextOpening(policy, 'eea_only', 2, at('2026-01-12T11:30:00Z'))?.toISOString()).toBe('2026-01-12T12:00:00.000Z');
    expect(nextOpening(policy, 'eea_only', 2, at('2026-01-12T22:59:59.999Z'))).toBeNull();
    expect(nextOpening(policy, 'eea_only', 2, at('2026-01-12T23:00:00Z'))?.toISOString()).toBe('2026-01-19T07:00:00.000Z');
  });
});
