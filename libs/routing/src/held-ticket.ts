import { findAgent } from '@eea/agents';
import type { Db } from '@eea/database';
import { ApiError } from '@eea/http';
import { checkAgent } from '@eea/policy';
import { TicketEntity, lockTicket } from '@eea/tickets';
import { TicketEvaluator } from './ticket-evaluator';

/**
 * The ticket `agentId` holds, locked for the rest of the transaction, before the holder acts on it
 * (release, resolve, escalate). Someone else's ticket looks exactly like a missing one: 404. So does a
 * ticket its holder may no longer work (moved country, lost skill) that the re-route has not yet taken
 * back: every answer carries the ticket, and acting on it is processing it. Here rather than with agent
 * work because escalation (consent gate) acts on held tickets too, and both build on routing.
 */
export async function lockHeldTicket(
  db: Db,
  evaluator: TicketEvaluator,
  agentId: string,
  ticketId: string,
): Promise<TicketEntity> {
  const ticket = await lockTicket(db, ticketId);
  if (!ticket || ticket.status !== 'assigned' || ticket.assigneeId !== agentId) throw ApiError.notFound('ticket');
  const agent = await findAgent(db, agentId);
  if (!agent || !checkAgent((await evaluator.evaluate(db, ticket)).evaluation, agent).eligible) throw ApiError.notFound('ticket');
  return ticket;
}
