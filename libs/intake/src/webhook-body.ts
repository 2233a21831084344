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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw ApiError.badRequest('body', 'must be a JSON object');
  const problem = scan(value);
  if (problem) throw ApiError.badRequest(problem.field, problem.message);
  return value as Record<string, unknown>;
}

function scan(root: object): { field: string; message: string } | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return { field: path || 'body', message: `nested deeper than ${MAX_DEPTH} levels` };
    for (const key of Object.keys(value)) {
      const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && FORBIDDEN_KEYS.has(key)) return { field, message: 'is not an allowed key' };
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return null;
}
