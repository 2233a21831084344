import { isIsoCountryCode } from './iso-countries';
import type { PolicyIssue } from './policy.types';

/** Collects every problem instead of stopping at the first, so one run fixes a whole file. */
export class Issues {
  readonly list: PolicyIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}

export type YamlMap = Record<string, unknown>;

export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a mapping and rejects keys outside `allowed`; a typo must not silently drop a rule. */
export function readMap(
  value: unknown,
  path: string,
  issues: Issues,
  keys?: { allowed: readonly string[]; required: readonly string[] },
): YamlMap | undefined {
  if (!isMap(value)) {
    issues.add(path || '(root)', value === undefined || value === null ? 'missing' : 'must be a mapping');
    return undefined;
  }
  if (!keys) return value;
  for (const key of Object.keys(value)) {
    if (!keys.allowed.includes(key)) {
      issues.add(child(path, key), `unknown key (expected one of: ${keys.allowed.join(', ')})`);
    }
  }
  for (const key of keys.required) {
    if (value[key] === undefined || value[key] === null) issues.add(child(path, key), 'missing');
  }
  return value;
}

export function readString(value: unknown, path: string, issues: Issues): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  issues.add(path, value === undefined || value === null ? 'missing' : 'must be a non-empty string');
  return undefined;
}

export function readList(value: unknown, path: string, issues: Issues, nonEmpty: boolean): unknown[] | undefined {
  if (!Array.isArray(value)) {
    issues.add(path, value === undefined || value === null ? 'missing' : 'must be a list');
    return undefined;
  }
  if (nonEmpty && value.length === 0) issues.add(path, 'must not be empty');
  return value;
}

/** A list of distinct strings, each passing `check` (which returns an error message or null). */
export function readStringList(
  value: unknown,
  path: string,
  issues: Issues,
  opts: { nonEmpty: boolean; check?: (s: string) => string | null },
): string[] {
  const list = readList(value, path, issues, opts.nonEmpty);
  const out: string[] = [];
  list?.forEach((item, i) => {
    const itemPath = child(path, i);
    if (typeof item !== 'string') return issues.add(itemPath, 'must be a string');
    const problem = opts.check?.(item) ?? null;
    if (problem) return issues.add(itemPath, problem);
    if (out.includes(item)) return issues.add(itemPath, `duplicate '${item}'`);
    out.push(item);
  });
  return out;
}

export function countryProblem(code: string): string | null {
  return isIsoCountryCode(code) ? null : `'${code}' is not an ISO 3166-1 alpha-2 country code`;
}

export function readCountryList(value: unknown, path: string, issues: Issues, nonEmpty: boolean): string[] {
  return readStringList(value, path, issues, { nonEmpty, check: countryProblem });
}

export function readPositiveInt(value: unknown, path: string, issues: Issues): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  issues.add(path, value === undefined || value === null ? 'missing' : 'must be a positive whole number');
  return undefined;
}
