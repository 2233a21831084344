import { DateTime } from 'luxon';
import { policyModel, type CompiledSchedule, type PolicyModel } from './compiled-policy';
import type { CompiledPolicy, Severity, Tier } from './policy.types';

const MS_PER_MINUTE = 60_000;

export function scheduleFor(model: PolicyModel, tier: Tier, severity: Severity): CompiledSchedule {
  const schedule = model.tiers[tier]?.schedules[severity];
  if (!schedule) throw new RangeError(`no support hours for tier '${tier}' severity ${String(severity)}`);
  return schedule;
}

/** Civil time in the policy zone, via Luxon only: `Date` zone arithmetic gets DST wrong. */
function localTime(instantMs: number, zone: string): DateTime {
  return DateTime.fromMillis(instantMs, { zone });
}

export function isOpenAt(schedule: CompiledSchedule, zone: string, instantMs: number): boolean {
  if (schedule.always) return true;
  const local = localTime(instantMs, zone);
  if (schedule.holidays.has(local.toISODate() ?? '')) return false;
  // Milliseconds since local midnight by the wall clock, so [09:00, 18:00) means 09:00 local on DST days too.
  const msOfDay = ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
  for (const w of schedule.byWeekday[local.weekday]) {
    if (w.fromMinute * MS_PER_MINUTE <= msOfDay && msOfDay < w.toMinute * MS_PER_MINUTE) return true;
  }
  return false;
}

/**
 * The first window opening strictly after `now`, or null when open at `now`. Walks local calendar
 * days (skipping holidays) and builds each opening as a local wall-clock time, so the UTC offset
 * of that day — CET or CEST — is the one applied.
 */
export function nextOpeningOf(schedule: CompiledSchedule, zone: string, now: Date): Date | null {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is not a valid instant');
  if (isOpenAt(schedule, zone, nowMs)) return null;
  const today = localTime(nowMs, zone).startOf('day');
  // Every validated schedule opens at least once a week, so holidays + 8 days always suffice.
  const horizon = schedule.holidays.size + 8;
  for (let i = 0; i <= horizon; i++) {
    const day = today.plus({ days: i });
    if (schedule.holidays.has(day.toISODate() ?? '')) continue;
    for (const w of schedule.byWeekday[day.weekday]) {
      const opening = DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour: Math.floor(w.fromMinute / 60), minute: w.fromMinute % 60 },
        { zone },
      ).toMillis();
      // A window starting inside a DST gap is shifted by Luxon; accept it only if really open then.
      if (opening > nowMs && isOpenAt(schedule, zone, opening)) return new Date(opening);
    }
  }
  throw new RangeError('support hours never open: the policy cannot be evaluated');
}

/** Next opening of the (tier, severity) support window after `now`; null when open now. */
export function nextOpening(policy: CompiledPolicy, tier: Tier, severity: Severity, now: Date): Date | null {
  const model = policyModel(policy);
  return nextOpeningOf(scheduleFor(model, tier, severity), model.timezone, now);
}
