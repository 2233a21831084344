/**
 * The one timestamp parser for caller input. `new Date()` and class-validator's ISO check disagree
 * with each other and with PostgreSQL (`2026-W47-1` passes the check and fails the Date; `-271821-04-20`
 * is a Date that PostgreSQL cannot store), so every timestamp a caller sends goes through here: a
 * calendar date, optionally a time, optionally an offset (`Z`, `+01:00`, `+0100`), within years 0001-9999 (inside the range of
 * PostgreSQL's timestamptz and of `Date.toISOString()`).
 */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

export const MIN_INSTANT_MS = Date.parse('0001-01-01T00:00:00.000Z');
export const MAX_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');
export const INSTANT_MESSAGE = 'must be an ISO-8601 timestamp between years 0001 and 9999, e.g. 2026-11-23T10:00:00Z';

export interface InstantOptions {
  /** Also accept a number of milliseconds since 1970 (vendor payloads); off for our own API. */
  epochMs?: boolean;
}

/**
 * The instant a caller's value denotes, or null when it is not one we accept. A time without an offset
 * is UTC (never the server's zone: the answer must not depend on where the process runs).
 */
export function parseInstant(value: unknown, options: InstantOptions = {}): Date | null {
  if (typeof value === 'number') return options.epochMs && Number.isFinite(value) ? inRange(value) : null;
  if (typeof value !== 'string' || value.length > 64) return null;
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(((m[7] ?? '') + '000').slice(0, 3)));
  // Rolled over (30 February): not a calendar date.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
  return inRange(date.getTime() - offsetMinutes(m[8]) * 60_000);
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}

function inRange(ms: number): Date | null {
  return ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS ? new Date(ms) : null;
}
