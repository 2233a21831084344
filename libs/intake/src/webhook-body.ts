import { ApiError } from '@eea/http';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/**
 * Parses a signed body. Keys that could poison prototypes and absurd nesting are refused (400)
 * before any adapter or validator walks the value; the scan is iterative so no input can blow
 * the stack.
 */
export function parseWebhookJson(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw ApiError.badRequest('body', 'must be valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw ApiError.badRequest('body', 'must be a JSON object');
  const problem = scan(value);
  if (problem) throw ApiError.badRequest(problem.field, problem.message);
  return value as Record<string, unknown>;
}

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
  depth: number;
}

function scan(root: object): { field: string; message: string } | null {
  const stack: Visit[] = [{ value: root, key: null, parent: null, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return { field: pathOf(visit) || 'body', message: `nested deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], key: i, parent: visit, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: Visit = { value: (value as Record<string, unknown>)[key], key, parent: visit, depth: depth + 1 };
      if (FORBIDDEN_KEYS.has(key)) return { field: pathOf(child), message: 'is not an allowed key' };
      stack.push(child);
    }
  }
  return null;
}

/** The dotted path of a visited value (built only when something is reported). */
function pathOf(visit: Visit): string {
  const parts: Array<string | number> = [];
  for (let v: Visit | null = visit; v && v.key !== null; v = v.parent) parts.unshift(v.key);
  return parts.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}
