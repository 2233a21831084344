/** The console session cookie and CSRF header; no imports, so that anything may use them. */
export const SESSION_COOKIE = 'eea_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The cookie: never readable by scripts (HttpOnly), never sent from another site (SameSite=Strict),
 * only over TLS when the request came over TLS (Secure), and gone at the session's absolute expiry.
 * An empty value with Max-Age=0 deletes it.
 */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

/** Reads one cookie from a Cookie header without a parser plugin. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || undefined;
  }
  return undefined;
}
