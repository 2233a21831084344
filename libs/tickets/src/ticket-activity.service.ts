import { Injectable } from '@nestjs/common';
import { ActorView, describeActors } from '@eea/audit';
import { ApiError } from '@eea/http';
import { OutboxService } from '@eea/queue';
import { ActivityRow, ticketHistory } from './ticket-activity.repository';
import { findTicket } from './ticket.repository';

/** The most recent entries one answer holds; a ticket with more has a story to investigate in the audit log. */
const LIMIT = 1000;

export type ActivityActor = { type: 'agent'; agentId: string } | ({ type: 'token' } & ActorView) | { type: 'system' };

export interface ActivityItem {
  at: string;
  kind: 'claimed' | 'released' | 'resolved' | 'escalated' | 'taken_back' | 'routed';
  actor: ActivityActor;
  details: Record<string, unknown>;
}

type Row = ActivityRow & { kind: ActivityItem['kind'] };

/**
 * What happened to one ticket, oldest first: what agents and managers did with it (ticket_activity) and
 * every routing decision, as a re-route with its trigger. Within one instant, acts come before the
 * routing they caused, and a take-back after it.
 */
@Injectable()
export class TicketActivityService {
  constructor(private readonly outbox: OutboxService) {}

  async activity(ticketId: string): Promise<{ items: ActivityItem[] }> {
    if (!(await findTicket(this.outbox.db, ticketId))) throw ApiError.notFound('ticket');
    const rows = (await ticketHistory(this.outbox.db, ticketId, LIMIT)) as Row[];
    const actors = await describeActors(
      this.outbox.db,
      rows.flatMap((r) => (r.actor_token_id ? [r.actor_token_id] : [])),
    );
    return {
      items: rows.map((r) => ({ at: r.at.toISOString(), kind: r.kind, actor: actorOf(r, actors), details: detailsOf(r) })),
    };
  }
}

function actorOf(r: Row, actors: Map<string, ActorView>): ActivityActor {
  if (r.actor_token_id) return { type: 'token', ...actors.get(r.actor_token_id)! };
  // A take-back is done by the system to the agent that held the ticket (named in details).
  if (r.agent_id && r.kind !== 'taken_back') return { type: 'agent', agentId: r.agent_id };
  return { type: 'system' };
}

function detailsOf(r: Row): Record<string, unknown> {
  return r.kind === 'taken_back' && r.agent_id ? { ...r.details, agentId: r.agent_id } : r.details;
}
