import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiError } from './api-error';

/** Keys that can reach Object.prototype through a merge or assignment somewhere downstream. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/**
 * The dotted path of the first forbidden key anywhere in a parsed body, or null. Walks own keys only
 * (JSON.parse creates "__proto__" as an own property), so it sees exactly what the client sent.
 */
export function findForbiddenKey(value: unknown, path = '', depth = 0): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return path || '(root)';
  for (const key of Object.keys(value)) {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && FORBIDDEN.has(key)) return field;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], field, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Rejects prototype-pollution keys in any parsed body with a 400 naming the field, before validation or
 * a handler sees them. Fastify's own poisoning checks cover "__proto__" and "constructor.prototype" in
 * JSON; this also covers bare "constructor"/"prototype" keys and form-encoded bodies.
 */
export function registerForbiddenKeyCheck(app: NestFastifyApplication): void {
  app.getHttpAdapter().getInstance().addHook('preValidation', async (request) => {
    const field = findForbiddenKey(request.body);
    if (field) throw ApiError.badRequest(field, 'is a reserved key and not accepted');
  });
}
