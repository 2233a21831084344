/**
 * Checks the audit entries the API returned, in the browser: sequence, links and each entry's own
 * SHA-256 (the same canonical form as libs/audit/src/audit-chain.ts). The auditor does not have to
 * trust the server's word that its log is intact.
 */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string | { id: string; name: string | null; role: string | null };
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export type ChainStatus = { intact: true; checked: number } | { intact: false; seq: number; reason: string };

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function checkChain(entries: AuditEntry[]): Promise<ChainStatus> {
  const canHash = typeof crypto !== 'undefined' && crypto.subtle !== undefined;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const prev = entries[i - 1];
    if (prev && e.seq !== prev.seq + 1) return { intact: false, seq: e.seq, reason: `entry ${prev.seq + 1} is missing` };
    if (prev && e.prevHash !== prev.hash) return { intact: false, seq: e.seq, reason: 'it does not link to the entry before it' };
    if (!canHash) continue;
    const actor = typeof e.actor === 'string' ? e.actor : e.actor.id;
    const body = canonical({
      seq: e.seq,
      at: e.at,
      actor,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      details: e.details,
    });
    if ((await sha256Hex(e.prevHash + body)) !== e.hash)
      return { intact: false, seq: e.seq, reason: 'its content was changed after it was written' };
  }
  return { intact: true, checked: entries.length };
}

/** Who wrote an entry, for people: the token's name and role when the API gives them. */
export function actorName(e: AuditEntry): string {
  if (typeof e.actor === 'string') return e.actor.slice(0, 12);
  return e.actor.name ? `${e.actor.name}${e.actor.role ? ` (${e.actor.role})` : ''}` : e.actor.id.slice(0, 12);
}
