import { explainError } from './explain-error';

/**
 * The console's only way to the server: the public /v1 API with the session cookie. Every change
 * carries the session's CSRF token in a header, which a page on another site cannot know.
 */
let csrfToken = '';
const SAFE = new Set(['GET', 'HEAD']);

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Array<Record<string, unknown>>,
  ) {
    super(message);
  }
  /** What to show a person: a sentence, never a bare code. */
  get sentence(): string {
    return explainError(this);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!SAFE.has(method)) headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await res.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: Array<Record<string, unknown>> } })?.error;
    const failure = new ApiFailure(res.status, error?.code ?? 'unknown', error?.message ?? res.statusText, error?.details ?? []);
    if (res.status === 401) window.dispatchEvent(new CustomEvent('session-ended'));
    throw failure;
  }
  return parsed as T;
}

/** Fetches text (CSV) with the session cookie. */
export async function apiText(path: string, accept: string): Promise<string> {
  const res = await fetch(path, { headers: { accept }, credentials: 'same-origin' });
  if (!res.ok) throw new ApiFailure(res.status, 'unknown', res.statusText, []);
  return res.text();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const enc = encodeURIComponent;
