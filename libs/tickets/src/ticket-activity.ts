import type { EntityManager } from 'typeorm';

export const ACTIVITY_KINDS = ['claimed', 'released', 'resolved', 'escalated', 'taken_back'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** What caused a routing evaluation (SPEC 4, decision `trigger`). */
export const DECISION_TRIGGERS = [
  'intake',
  'ticket_update',
  'consent_granted',
  'consent_revoked',
  'consent_expired',
  'escalation',
  'agent_change',
  'organization_change',
  'policy_change',
  'deferral_ended',
  'claim_recheck',
  'sweeper',
] as const;
export type DecisionTrigger = (typeof DECISION_TRIGGERS)[number];

/**
 * One thing done with a ticket. Who: `agentId` for an agent acting on its own ticket (or the agent a
 * take-back took it from), `actorTokenId` for a person acting through a token; neither for the system.
 * `details` holds ids and enums only.
 */
export interface ActivityEntry {
  ticketId: string;
  at: Date;
  kind: ActivityKind;
  agentId?: string | null;
  actorTokenId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export const INSERT_ACTIVITY_SQL = `INSERT INTO ticket_activity (ticket_id, at, kind, agent_id, actor_token_id, details)
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::uuid[], $6::jsonb[])`;

/** Records entries in the caller's transaction, so they commit with the change they describe. */
export async function recordActivity(m: EntityManager, entries: ActivityEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await m.query(INSERT_ACTIVITY_SQL, [
    entries.map((e) => e.ticketId),
    entries.map((e) => e.at),
    entries.map((e) => e.kind),
    entries.map((e) => e.agentId ?? null),
    entries.map((e) => e.actorTokenId ?? null),
    entries.map((e) => JSON.stringify(e.details ?? {})),
  ]);
}
