import { createHash } from 'node:crypto';
import type { WebhookSource } from './intake-command';
import { fresh, parseTimestamp, verifyGeneric, verifyJira, verifyZendesk } from './webhook-signatures';

export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** Why a delivery was refused; logged server side, never sent back (SPEC 5.1). */
export type SignatureFailure = 'no_secret_configured' | 'missing_signature' | 'stale_timestamp' | 'bad_signature';

export type SignatureCheck = { ok: true; replayKey: string; sentAt: Date | null } | { ok: false; reason: SignatureFailure };

/**
 * Verifies a delivery and, when authentic, names what makes it unique: the digest of exactly what
 * was signed (timestamp and body; Jira's scheme signs the body alone). The same signed message
 * under another delivery id is a replay, a duplicate (SPEC 5.1).
 */
export function checkSignature(
  source: WebhookSource,
  h: WebhookHeaders,
  raw: Buffer,
  secrets: string[],
  nowsMs: number[],
): SignatureCheck {
  if (secrets.length === 0) return { ok: false, reason: 'no_secret_configured' };
  switch (source) {
    case 'generic': {
      const header = one(h['x-signature']);
      if (!header) return { ok: false, reason: 'missing_signature' };
      const t = /(?:^|,)\s*t=(\d{1,12})\s*(?:,|$)/.exec(header)?.[1];
      if (t !== undefined && !fresh(Number(t) * 1000, nowsMs)) return { ok: false, reason: 'stale_timestamp' };
      if (t === undefined || !verifyGeneric(header, raw, secrets, nowsMs)) return { ok: false, reason: 'bad_signature' };
      return { ok: true, replayKey: digest(`${t}.`, raw), sentAt: new Date(Number(t) * 1000) };
    }
    case 'zendesk': {
      const signature = one(h['x-zendesk-webhook-signature']);
      const timestamp = one(h['x-zendesk-webhook-signature-timestamp']);
      if (!signature || !timestamp) return { ok: false, reason: 'missing_signature' };
      if (timestamp.length <= 64 && Number.isFinite(parseTimestamp(timestamp)) && !fresh(parseTimestamp(timestamp), nowsMs)) {
        return { ok: false, reason: 'stale_timestamp' };
      }
      if (!verifyZendesk(signature, timestamp, raw, secrets, nowsMs)) return { ok: false, reason: 'bad_signature' };
      return { ok: true, replayKey: digest(timestamp, raw), sentAt: new Date(parseTimestamp(timestamp)) };
    }
    case 'jira': {
      const header = one(h['x-hub-signature']);
      if (!header) return { ok: false, reason: 'missing_signature' };
      if (!verifyJira(header, raw, secrets)) return { ok: false, reason: 'bad_signature' };
      return { ok: true, replayKey: digest('', raw), sentAt: null };
    }
  }
}

function digest(prefix: string, raw: Buffer): string {
  return createHash('sha256').update(prefix).update(raw).digest('hex');
}

export function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}
