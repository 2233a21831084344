/**
 * One place that decides which caller text may reach PostgreSQL or a log. PostgreSQL refuses NUL in
 * text (SQLSTATE 22021) and lone UTF-16 surrogates in jsonb (22P02); both used to surface as 500s. Every
 * parsed body, query and path parameter is checked here once (see `registerInputHygiene`), and the
 * webhook adapters, which parse their own bodies, call the same functions.
 */

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const MAX_DEPTH = 64;

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** True when PostgreSQL can store the string as text and jsonb: no NUL, no lone surrogate. */
export function isSafeText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * For the fail-closed vendor adapters (SPEC 5.1: an authentic Zendesk or Jira delivery is never a 4xx
 * because of its values): NUL removed, lone surrogates replaced by U+FFFD; `changed` says whether the
 * caller should flag the ticket.
 */
export function cleanText(value: string): { value: string; changed: boolean } {
  if (isSafeText(value)) return { value, changed: false };
  return { value: value.replaceAll('\u0000', '').replace(LONE_SURROGATES, '\uFFFD'), changed: true };
}

/**
 * The path of the first string (value or key) anywhere in `value` that is not safe text, or null.
 * Paths name keys only when they are themselves safe and identifier-like, so the answer never echoes
 * what the caller put into a key (which may be an email address).
 */
export function findUnsafeText(value: unknown, root = ''): string | null {
  const path = unsafePath(value, 0);
  if (path === null) return null;
  return (
    path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), root) ||
    root ||
    '(root)'
  );
}

function unsafePath(value: unknown, depth: number): Array<string | number> | null {
  if (typeof value === 'string') return isSafeText(value) ? null : [];
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafePath(value[i], depth + 1);
      if (found) return [i, ...found];
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (!isSafeText(key)) return ['<key>'];
    const found = unsafePath((value as Record<string, unknown>)[key], depth + 1);
    if (found) return [displayKey(key), ...found];
  }
  return null;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** A key fit to appear in an error detail: identifier-like, else a placeholder. */
export function displayKey(key: string): string {
  return PLAIN_KEY.test(key) ? key : '<key>';
}
