import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AppConfig } from '@eea/config';

/** `external_user`: "<source>:<the source's requester id>" (Jira accountId, Zendesk requester id). */
export type PseudonymKind = 'email' | 'phone' | 'external_user';

interface PseudonymKey {
  id: string;
  secret: string;
}

/**
 * Outside production a missing PSEUDONYM_KEY falls back to this fixed, publicly known key so that a
 * developer can run the service without setup. Its pseudonyms protect nothing; production refuses
 * to start without a real key (AppConfig validation).
 */
const DEV_KEY: PseudonymKey = { id: 'dev', secret: 'eea-router-development-pseudonym-key' };

/** Email: trimmed and lowercased. Phone: digits only, keeping a leading "+" (E.164-like). */
export function normalisePersonalValue(kind: PseudonymKind, value: string): string {
  if (kind === 'email') return value.trim().toLowerCase();
  // Vendor ids are case-sensitive opaque strings (Jira accountIds): kept as given.
  if (kind === 'external_user') return value.trim();
  const trimmed = value.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

export function parsePseudonymKeys(spec: string | undefined): PseudonymKey[] {
  if (!spec) return [];
  return spec.split(',').map((entry) => {
    const at = entry.indexOf(':');
    return { id: entry.slice(0, at).trim(), secret: entry.slice(at + 1) };
  });
}

/**
 * Keyed-HMAC pseudonyms of requester emails and phones: stable enough for export and erasure to find
 * a data subject, useless to anyone without the key. The kind is part of the MAC input so that an
 * email and a phone never share a pseudonym.
 */
@Injectable()
export class PseudonymService {
  private readonly keys: PseudonymKey[];

  constructor(config: AppConfig) {
    const keys = parsePseudonymKeys(config.PSEUDONYM_KEY);
    if (keys.length === 0 && config.NODE_ENV === 'production') throw new Error('PSEUDONYM_KEY is required in production');
    this.keys = keys.length > 0 ? keys : [DEV_KEY];
  }

  /** Under the current (first) key: what gets stored. Null when the value is empty after normalising. */
  pseudonymise(kind: PseudonymKind, value: string): string | null {
    return this.under(this.keys[0], kind, value);
  }

  /** Under every configured key, so that lookups still find subjects stored before a key rotation. */
  candidates(kind: PseudonymKind, value: string): string[] {
    return this.keys.map((k) => this.under(k, kind, value)).filter((p): p is string => p !== null);
  }

  private under(key: PseudonymKey, kind: PseudonymKind, value: string): string | null {
    const normalised = normalisePersonalValue(kind, value);
    if (normalised === '' || normalised === '+') return null;
    return `${key.id}:${createHmac('sha256', key.secret).update(`${kind}\u0000${normalised}`).digest('hex')}`;
  }
}
