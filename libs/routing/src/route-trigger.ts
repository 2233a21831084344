import type { RouteReason } from '@eea/queue';
import type { DecisionTrigger } from '@eea/tickets';

const TRIGGERS: Record<RouteReason, DecisionTrigger> = {
  ticket_received: 'intake',
  ticket_updated: 'ticket_update',
  deferral_elapsed: 'deferral_ended',
  consent_granted: 'consent_granted',
  consent_expired: 'consent_expired',
  // Jobs staged before grants and expiries had reasons of their own were grants or expiries; a grant is the one that widens.
  consent_changed: 'consent_granted',
  agent_changed: 'agent_change',
  organization_changed: 'organization_change',
  policy_changed: 'policy_change',
  escalated: 'escalation',
  released: 'agent_change',
  sweep: 'sweeper',
};

/** The decision trigger a routing job's reason stands for. */
export function routeTrigger(reason: RouteReason): DecisionTrigger {
  return TRIGGERS[reason] ?? 'sweeper';
}
