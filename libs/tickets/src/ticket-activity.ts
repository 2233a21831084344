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
