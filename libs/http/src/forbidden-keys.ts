import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiError } from './api-error';

/** Keys that can reach Object.prototype through a merge or assignment somewhere downstream. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/**
 * The dotted path of the first forbidden key anywhere in a parsed body, or null. Walks own keys only
 * (JSON.parse creates "__proto__" as an own property), so it sees exactly what the client sent.
 * Raw bodies (Buffers, kept unparsed for signature checks) have no keys to look at.
 */
export function findForbiddenKey(value: unknown): string | null {
  const path = forbiddenPath(value, 0);
  return path === null
    ? null
    : path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '') ||
        '(root)';
}

/** The path segments (built only on the way back from a hit) of the first forbidden key. */
function forbiddenPath(value: unknown, depth: number): Array<string | number> | null {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
  if (depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenPath(value[i], depth + 1);
      if (found) return [i, ...found];
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) return [key];
    const found = forbiddenPath((value as Record<string, unknown>)[key], depth + 1);
    if (found) return [key, ...found];
  }
  return null;
}

/**
 * Rejects prototype-pollution keys in any parsed body with a 400 naming the field, before validation or
 * a handler sees them. Fastify's own poisoning checks cover "__proto__" and "constructor.prototype" in
 * JSON; this also covers bare "constructor"/"prototype" keys and form-encoded bodies.
 */
export function registerForbiddenKeyCheck(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (request) => {
      const field = findForbiddenKey(request.body);
      if (field) throw ApiError.badRequest(field, 'is a reserved key and not accepted');
    });
}
