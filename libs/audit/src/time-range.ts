import { ApiError, ErrorDetail, parseInstant } from '@eea/http';
const DEFAULT_DAYS = 30;

export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * The [from, to] window of an audit or transfer listing. Both optional ISO-8601 instants; by default
 * the last 30 days up to now. A bad value is a 400 naming its field.
 */
export function parseTimeRange(query: { from?: string; to?: string }, now: Date): TimeRange {
  const details: ErrorDetail[] = [];
  const to = instant('to', query.to, now, details);
  const from = instant('from', query.from, new Date(to.getTime() - DEFAULT_DAYS * 86_400_000), details);
  if (details.length === 0 && from > to) details.push({ field: 'from', message: 'must not be after to' });
  if (details.length > 0) throw ApiError.validation(details);
  return { from, to };
}

function instant(field: string, value: string | undefined, fallback: Date, details: ErrorDetail[]): Date {
  if (value === undefined || value === '') return fallback;
  const parsed = parseInstant(value);
  if (!parsed) {
    details.push({ field, message: 'must be an ISO-8601 instant, e.g. 2026-11-23T10:00:00Z' });
    return fallback;
  }
  return parsed;
}
