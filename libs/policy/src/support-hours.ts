import { DateTime, Info, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
import { policyModel, type CompiledSchedule, type PolicyModel } from './compiled-policy';
import type { CompiledPolicy, Severity, Tier } from './policy.types';

const MS_PER_MINUTE = 60_000;

export function scheduleFor(model: PolicyModel, tier: Tier, severity: Severity): CompiledSchedule {
  const schedule = model.tiers[tier]?.schedules[severity];
  if (!schedule) throw new RangeError(`no support hours for tier '${tier}' severity ${String(severity)}`);
  return schedule;
}

/** Offsets are cached for instants from 1970 to Luxon's last instant less a minute (so a whole minute can be probed). */
const MAX_CACHED_MS = 8.64e15 - MS_PER_MINUTE;
/** Per zone, at most this many UTC minutes are remembered; the cache is emptied when full. */
const MINUTES_PER_ZONE = 512;
const MAX_ZONES = 16;

/**
 * A named zone that asks Luxon for its UTC offset at most once per UTC minute: Luxon's offset look-up
 * (Intl formatToParts) is most of the cost of a DateTime. A minute is cached only when its first and
 * last millisecond have the same offset, so a change inside a minute (Africa/Monrovia moved at
 * 1972-01-07T00:44:30Z) is still looked up instant by instant. Every offset it returns is Luxon's own,
 * so all DateTime operations (startOf, plus, DST gaps) behave exactly as with the zone's name.
 */
class MinuteCachedZone extends Zone {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly named: Zone) {
    super();
  }

  override get type(): string {
    return this.named.type;
  }
  override get name(): string {
    return this.named.name;
  }
  override get isUniversal(): boolean {
    return this.named.isUniversal;
  }
  override get isValid(): boolean {
    return this.named.isValid;
  }
  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.named.offsetName(ts, options);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.named.formatOffset(ts, format);
  }
  override equals(other: Zone): boolean {
    return other === this || this.named.equals(other);
  }

  override offset(ts: number): number {
    if (!(ts >= 0 && ts <= MAX_CACHED_MS)) return this.named.offset(ts);
    const minute = Math.floor(ts / MS_PER_MINUTE);
    let offset = this.offsets.get(minute);
    if (offset === undefined) {
      const start = minute * MS_PER_MINUTE;
      offset = this.named.offset(start);
      if (this.named.offset(start + MS_PER_MINUTE - 1) !== offset) return this.named.offset(ts); // also NaN
      if (this.offsets.size >= MINUTES_PER_ZONE) this.offsets.clear();
      this.offsets.set(minute, offset);
    }
    return offset;
  }
}

const cachedZones = new Map<string, Zone>();

/** The zone Luxon would use for `zone`, offset look-ups cached when it is a named (non-fixed) valid zone. */
function cachedZone(zone: string): Zone {
  let z = cachedZones.get(zone);
  if (z === undefined) {
    const named = Info.normalizeZone(zone);
    z = named.isValid && !named.isUniversal ? new MinuteCachedZone(named) : named;
    if (cachedZones.size >= MAX_ZONES) cachedZones.clear();
    cachedZones.set(zone, z);
  }
  return z;
}

/**
 * Civil time in the policy zone, via Luxon only: `Date` zone arithmetic gets DST wrong. The zone's
 * offsets are remembered per UTC minute (see MinuteCachedZone). Exported for its spec only.
 */
export function civilTime(instantMs: number, zone: string): DateTime {
  return DateTime.fromMillis(instantMs, { zone: cachedZone(zone) });
}

export function isOpenAt(schedule: CompiledSchedule, zone: string, instantMs: number): boolean {
  if (schedule.always) return true;
  const local = civilTime(instantMs, zone);
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
  const today = civilTime(nowMs, zone).startOf('day');
  // Every validated schedule opens at least once a week, so holidays + 8 days always suffice.
  const horizon = schedule.holidays.size + 8;
  for (let i = 0; i <= horizon; i++) {
    const day = today.plus({ days: i });
    if (schedule.holidays.has(day.toISODate() ?? '')) continue;
    for (const w of schedule.byWeekday[day.weekday]) {
      const opening = DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour: Math.floor(w.fromMinute / 60), minute: w.fromMinute % 60 },
        { zone: cachedZone(zone) },
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
