import { EntityManager } from 'typeorm';
import { AgentEntity } from '@eea/agents';
import { ApiError } from '@eea/http';
import { checkAgent } from '@eea/policy';
import { TicketEntity } from '@eea/tickets';
import { TicketEvaluator } from './ticket-evaluator';

/**
 * The ticket `agentId` holds, locked for the rest of the transaction, before the holder acts on it
 * (release, resolve, escalate). Someone else's ticket looks exactly like a missing one: 404. So does a
 * ticket its holder may no longer work (moved country, lost skill) that the re-route has not yet taken
 * back: every answer carries the ticket, and acting on it is processing it.
 */
export async function lockHeldTicket(
  m: EntityManager,
  evaluator: TicketEvaluator,
  agentId: string,
  ticketId: string,
): Promise<TicketEntity> {
  const ticket = await m.findOne(TicketEntity, { where: { id: ticketId }, lock: { mode: 'pessimistic_write' } });
  if (!ticket || ticket.status !== 'assigned' || ticket.assigneeId !== agentId) throw ApiError.notFound('ticket');
  const agent = await m.findOne(AgentEntity, { where: { id: agentId } });
  if (!agent || !checkAgent((await evaluator.evaluate(m, ticket)).evaluation, agent).eligible) throw ApiError.notFound('ticket');
  return ticket;
}
