import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiError } from './api-error';

/** Keys that can reach Object.prototype through a merge or assignment somewhere downstream. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/** The first problem `findUnsafeKey` met: a forbidden key, or an object nested deeper than allowed. */
export interface UnsafeKey {
  /** Dotted path (`a.b[2].c`); empty for the root. */
  path: string;
  tooDeep: boolean;
}

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
  depth: number;
}

/**
 * The one scan for prototype-pollution keys, for parsed request bodies and for webhook bodies parsed
 * after their signature. Walks own keys only (JSON.parse creates "__proto__" as an own property), so it
 * sees exactly what the client sent; the keys of an object are checked before its values. Iterative,
 * so that no nesting can blow the stack; an object or array deeper than `maxDepth` is itself a problem.
 * Raw bodies (Buffers, kept unparsed for signature checks) have no keys to look at.
 */
export function findUnsafeKey(root: unknown, maxDepth: number): UnsafeKey | null {
  const stack: Visit[] = [{ value: root, key: null, parent: null, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    if (depth > maxDepth) return { path: pathOf(visit), tooDeep: true };
    const children: Visit[] = Array.isArray(value)
      ? value.map((v, i) => ({ value: v, key: i, parent: visit, depth: depth + 1 }))
      : Object.keys(value).map((k) => ({
          value: (value as Record<string, unknown>)[k],
          key: k,
          parent: visit,
          depth: depth + 1,
        }));
    const forbidden = children.find((c) => typeof c.key === 'string' && FORBIDDEN.has(c.key));
    if (forbidden) return { path: pathOf(forbidden), tooDeep: false };
    // Reversed onto the stack, so that values are visited in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return null;
}

/** The dotted path of a visited value (built only when something is reported). */
function pathOf(visit: Visit): string {
  const parts: Array<string | number> = [];
  for (let v: Visit | null = visit; v && v.key !== null; v = v.parent) parts.unshift(v.key);
  return parts.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

/** The dotted path of the first forbidden key (or too deep a value) anywhere in a parsed body, or null. */
export function findForbiddenKey(value: unknown): string | null {
  const found = findUnsafeKey(value, MAX_DEPTH);
  return found ? found.path || '(root)' : null;
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
