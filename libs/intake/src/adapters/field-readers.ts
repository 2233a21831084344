import { cleanText } from '@eea/http';
import type { Severity } from '@eea/policy';
import type { IntakeFlag } from '../intake-command';
import type { Vocabulary } from '../sources/vocabulary';

export const MAX_ID = 200;
export const MAX_SKILLS = 50;
const MAX_TEXT_ITEM = 100;
const CONTROL = /[\u0000-\u001f\u007f]/g;
/** Vendor timestamps outside [2000-01-01, receipt + 1 day] are not believed. */
const EARLIEST = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
/** ISO-8601 with its zone: anything else (Zendesk's "March 2, 2026 10:15") would be read in the server's zone, or not at all. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads values out of a vendor's payload without ever refusing it (SPEC 5.1): what is too long is
 * cut, what cannot be read falls back fail-closed, and each of those is remembered as a flag.
 */
export class VendorReader {
  readonly flags = new Set<IntakeFlag>();

  flag(flag: IntakeFlag): void {
    this.flags.add(flag);
  }

  /** Text or a safe integer, trimmed, control characters removed, cut to `max` (flagged); NUL and lone surrogates flagged. */
  text(value: unknown, max = MAX_ID): string | undefined {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value !== 'string') return undefined;
    const clean = cleanText(value);
    if (clean.changed) this.flag('invalid_text');
    const text = clean.value.replace(CONTROL, ' ').trim();
    if (text === '') return undefined;
    if ([...text].length <= max) return text;
    this.flag('truncated');
    return [...text].slice(0, max).join('').trim();
  }

  /** Strings from a list, or from one string separated by spaces or commas (how placeholders render). */
  items(value: unknown): string[] {
    const raw = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [];
    return raw.map((item) => (typeof item === 'string' ? item.trim() : '')).filter(Boolean);
  }

  /** Lower-cased, unique, each at most 100 characters and at most MAX_SKILLS of them (more is cut and flagged). */
  skills(names: string[]): string[] {
    const unique = [...new Set(names.map((s) => this.text(s.toLowerCase(), MAX_TEXT_ITEM)).filter((s): s is string => !!s))];
    if (unique.length <= MAX_SKILLS) return unique;
    this.flag('truncated');
    return unique.slice(0, MAX_SKILLS);
  }

  /** A severity from the vocabulary; blank means "not set" (default, no flag), unknown is flagged. */
  severity(value: unknown, table: Vocabulary<Severity>, fallback: Severity): Severity {
    const name = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    if (name === '' || name === '-') return fallback;
    const severity = table.get(name);
    if (severity === undefined) this.flag('unmapped_priority');
    return severity ?? fallback;
  }

  /** The source's timestamp, or null (flagged) when absent, unreadable or implausible. */
  instant(value: unknown, receivedAt: Date): Date | null {
    const at =
      typeof value === 'string' && ISO_INSTANT.test(value.trim())
        ? Date.parse(isoOffset(value.trim()))
        : typeof value === 'number'
          ? value
          : NaN;
    if (Number.isFinite(at) && at >= EARLIEST && at <= receivedAt.getTime() + DAY_MS) return new Date(at);
    this.flag('invalid_timestamp');
    return null;
  }

  record(value: unknown): Record<string, unknown> | undefined {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  }
}

/** Jira writes offsets as "+0000"; Date.parse wants "+00:00". */
function isoOffset(value: string): string {
  return value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

export function normaliseRegion(region: string | undefined): string | null {
  const r = region?.trim().toLowerCase();
  return r ? r : null;
}

/** Several organisations: the first is the ticket's, all are kept (most restrictive tier), flagged. */
export function organisations(r: VendorReader, names: string[]): { organizationId: string; organizationIds: string[] } {
  const unique = [...new Set(names)];
  if (unique.length <= 1) return { organizationId: unique[0] ?? '', organizationIds: [] };
  r.flag('multiple_organizations');
  const kept = unique.slice(0, 20);
  if (kept.length < unique.length) r.flag('truncated');
  return { organizationId: kept[0], organizationIds: kept };
}
