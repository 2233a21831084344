import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActorView, describeActors } from '@eea/audit';
import { ApiError } from '@eea/http';

/** The most recent entries one answer holds; a ticket with more has a story to investigate in the audit log. */
const LIMIT = 1000;

export type ActivityActor = { type: 'agent'; agentId: string } | ({ type: 'token' } & ActorView) | { type: 'system' };

export interface ActivityItem {
  at: string;
  kind: 'claimed' | 'released' | 'resolved' | 'escalated' | 'taken_back' | 'routed';
  actor: ActivityActor;
  details: Record<string, unknown>;
}

interface Row {
  at: Date;
  kind: ActivityItem['kind'];
  agent_id: string | null;
  actor_token_id: string | null;
  details: Record<string, unknown>;
  rank: number;
}

/**
 * What happened to one ticket, oldest first: what agents and managers did with it (ticket_activity) and
 * every routing decision, as a re-route with its trigger. Within one instant, acts come before the
 * routing they caused, and a take-back after it.
 */
@Injectable()
export class TicketActivityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async activity(ticketId: string): Promise<{ items: ActivityItem[] }> {
    const [ticket] = await this.dataSource.query('SELECT 1 FROM tickets WHERE id = $1', [ticketId]);
    if (!ticket) throw ApiError.notFound('ticket');
    const rows: Row[] = await this.dataSource.query(
      `
      SELECT * FROM (
        SELECT at, kind, agent_id, actor_token_id, details, CASE WHEN kind = 'taken_back' THEN 2 ELSE 0 END AS rank, id AS ord
          FROM ticket_activity WHERE ticket_id = $1
        UNION ALL
        SELECT at, 'routed', NULL, NULL, jsonb_build_object('decisionId', id, 'trigger', trigger, 'outcome', outcome,
                 'allowedCountries', COALESCE(to_jsonb(allowed_countries), '"*"'), 'deferredUntil', deferred_until), 1, seq
          FROM decisions WHERE ticket_id = $1
        ORDER BY at DESC, rank DESC, ord DESC LIMIT ${LIMIT}
      ) recent ORDER BY at, rank, ord`,
      [ticketId],
    );
    const actors = await describeActors(
      this.dataSource,
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
