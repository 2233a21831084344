import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgentEntity } from '@eea/agents';
import { TicketAccessEntity, TicketEntity } from '@eea/tickets';
import { EvaluatedTicket, consentFor } from './ticket-context';

/**
 * Records every claim or read of a restricted ticket. A row is a transfer when the agent's country
 * lies outside the tier's own set, i.e. it was reachable only through a consent.
 */
@Injectable()
export class AccessLog {
  async record(m: EntityManager, t: TicketEntity, agent: AgentEntity, action: 'claim' | 'read', e: EvaluatedTicket) {
    const { evaluation } = e;
    if (!evaluation.restricted) return;
    const allowed = evaluation.allowedCountries;
    const inTierSet = allowed !== '*' && agent.country !== null && allowed.has(agent.country);
    await m.insert(TicketAccessEntity, {
      ticketId: t.id, agentId: agent.id, country: agent.country, action, transfer: !inTierSet,
      consentId: inTierSet ? null : consentFor(e, agent.country), at: e.now,
    });
  }
}
