import type { ErrorDetail } from '@eea/http';
import type { Severity } from '@eea/policy';

/**
 * Readers for the zendesk and jira adapters: they take only the fields they need out of a
 * foreign payload, collecting one error detail per bad field instead of throwing at the first.
 */
export class FieldReader {
  readonly details: ErrorDetail[] = [];

  fail(field: string, message: string): undefined {
    this.details.push({ field, message });
    return undefined;
  }

  /** A non-empty string, or a safe integer given as a number (ids); trimmed. */
  id(value: unknown, field: string, required: boolean, maxLength = 200): string | undefined {
    if (value === undefined || value === null || value === '') return required ? this.fail(field, 'is required') : undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value !== 'string') return this.fail(field, 'must be a string or an integer');
    const text = value.trim();
    if (text === '') return required ? this.fail(field, 'is required') : undefined;
    if (text.length > maxLength || /[\u0000-\u001f]/.test(text)) return this.fail(field, `must be 1-${maxLength} printable characters`);
    return text;
  }

  /** Optional text; empty means absent. */
  text(value: unknown, field: string, maxLength = 200): string | undefined {
    return this.id(value, field, false, maxLength);
  }

  /** A list of strings, or one string of comma/space separated items (as template placeholders render). */
  list(value: unknown, field: string): string[] {
    if (value === undefined || value === null || value === '') return [];
    const items = typeof value === 'string' ? value.split(/[\s,]+/) : value;
    if (!Array.isArray(items) || items.length > 50 || items.some((s) => typeof s !== 'string' || s.length > 100)) {
      this.fail(field, 'must be up to 50 strings of at most 100 characters');
      return [];
    }
    return [...new Set((items as string[]).map((s) => s.trim()).filter(Boolean))];
  }

  /** An instant; absent means "now" (the time of receipt). */
  instant(value: unknown, field: string, fallback: Date): Date {
    if (value === undefined || value === null || value === '') return fallback;
    const at = typeof value === 'string' && value.length <= 64 ? Date.parse(isoOffset(value)) : typeof value === 'number' ? value : NaN;
    if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) return this.fail(field, 'must be an ISO-8601 timestamp') ?? fallback;
    return new Date(at);
  }

  severity(value: unknown, field: string, table: Record<string, Severity>, fallback: Severity): Severity {
    if (value === undefined || value === null || value === '' || value === '-') return fallback;
    const severity = typeof value === 'string' ? table[value.trim().toLowerCase()] : undefined;
    return severity ?? this.fail(field, `must be one of ${Object.keys(table).join(', ')} (any case)`) ?? fallback;
  }

  record(value: unknown, field: string, required: boolean): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return required ? this.fail(field, 'is required') : undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return this.fail(field, 'must be an object');
    return value as Record<string, unknown>;
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
