import { createHmac, timingSafeEqual } from 'node:crypto';
import { genericMac } from '@eea/outbound';

/** A signature timestamp further than this from now, either way, is rejected (SPEC 5). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Constant-time comparison; buffers of different length are unequal without comparing contents. */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function hmac(secret: string, ...parts: Array<string | Buffer>): Buffer {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** True iff any of `nowsMs` (wall time and the service clock; the same instant in production) is within tolerance. */
export function fresh(atMs: number, nowsMs: number[]): boolean {
  return Number.isFinite(atMs) && nowsMs.some((now) => Math.abs(now - atMs) <= SIGNATURE_TOLERANCE_SECONDS * 1000);
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (several v1 allowed). */
export function verifyGeneric(header: string | undefined, raw: Buffer, secrets: string[], nowsMs: number[]): boolean {
  if (!header) return false;
  let t: string | undefined;
  const candidates: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value)) t = value;
    else if (key === 'v1' && HEX_SHA256.test(value)) candidates.push(Buffer.from(value, 'hex'));
  }
  if (t === undefined || candidates.length === 0 || !fresh(Number(t) * 1000, nowsMs)) return false;
  return secrets.some((secret) => {
    const expected = genericMac(secret, t!, raw);
    return candidates.some((c) => safeEqual(c, expected));
  });
}

/** Zendesk: base64 HMAC-SHA256(secret, timestamp + raw body), timestamp in its own header. */
export function verifyZendesk(
  signature: string | undefined,
  timestamp: string | undefined,
  raw: Buffer,
  secrets: string[],
  nowsMs: number[],
): boolean {
  if (!signature || !timestamp || timestamp.length > 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  if (!fresh(parseTimestamp(timestamp), nowsMs)) return false;
  const given = Buffer.from(signature, 'base64');
  return secrets.some((secret) => safeEqual(given, hmac(secret, timestamp, raw)));
}

/** Zendesk sends ISO-8601; bare unix seconds are accepted too. */
export function parseTimestamp(value: string): number {
  return /^\d{1,12}$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}

/** Jira: `X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`; the scheme has no timestamp. */
export function verifyJira(header: string | undefined, raw: Buffer, secrets: string[]): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1], 'hex');
  return secrets.some((secret) => safeEqual(given, hmac(secret, raw)));
}
