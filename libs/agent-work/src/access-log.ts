import { Injectable } from '@nestjs/common';
import { AgentEntity } from '@eea/agents';
import type { Db } from '@eea/database';
import { EvaluatedTicket, consentFor } from '@eea/routing';
import { AccessEntry, TicketEntity, recordAccess } from '@eea/tickets';

/**
 * Records every claim or read of a restricted ticket. A row is a transfer when the agent's country
 * lies outside the tier's own set, i.e. it was reachable only through a consent.
 */
@Injectable()
export class AccessLog {
  async record(db: Db, t: TicketEntity, agent: AgentEntity, action: 'claim' | 'read', e: EvaluatedTicket) {
    const entry = this.entry(t, agent, action, e);
    if (entry) await recordAccess(db, entry);
  }

  /** The row to record, or null for an unrestricted ticket; for callers that write it with other changes. */
  entry(t: TicketEntity, agent: AgentEntity, action: 'claim' | 'read', e: EvaluatedTicket): AccessEntry | null {
    const { evaluation } = e;
    if (!evaluation.restricted) return null;
    const allowed = evaluation.allowedCountries;
    const inTierSet = allowed !== '*' && agent.country !== null && allowed.has(agent.country);
    return {
      ticketId: t.id,
      agentId: agent.id,
      country: agent.country,
      action,
      transfer: !inTierSet,
      consentId: inTierSet ? null : consentFor(e, agent.country),
      at: e.now,
    };
  }
}
