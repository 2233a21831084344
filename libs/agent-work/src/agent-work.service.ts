import { Injectable } from '@nestjs/common';
import { AgentEntity, findAgent } from '@eea/agents';
import { ApiError } from '@eea/http';
import { checkAgent } from '@eea/policy';
import { OutboxService, Tx } from '@eea/queue';
import { EvaluatedTicket, RouterService, TicketEvaluator, lockHeldTicket } from '@eea/routing';
import {
  TicketEntity,
  claimCandidateIds,
  findTicket,
  heldTickets,
  recordActivity,
  resolveTicket,
  ticketsByIds,
} from '@eea/tickets';
import { AccessLog } from './access-log';

const QUEUE_PAGE = 25;

/** What an agent does with tickets: look at its queue, read, release, resolve. Every read is re-checked live. */
@Injectable()
export class AgentWorkService {
  constructor(
    private readonly evaluator: TicketEvaluator,
    private readonly router: RouterService,
    private readonly access: AccessLog,
    private readonly outbox: OutboxService,
  ) {}

  async queue(agentId: string): Promise<{ assigned: TicketEntity[]; available: TicketEntity[] }> {
    // One snapshot for what it holds, the candidates and their evaluation.
    return this.outbox.inTransaction(
      async ({ db }) => {
        const agent = await findAgent(db, agentId);
        if (!agent) return { assigned: [], available: [] };
        const held = await heldTickets(db, agentId);
        const ids = await claimCandidateIds(db, agent, { limit: QUEUE_PAGE, lock: false });
        const candidates = await ticketsByIds(db, ids);
        const now = this.evaluator.now();
        const evaluated = await this.evaluator.evaluateMany(db, [...held, ...candidates], now);
        const assigned = held.filter((_, i) => this.mayWork(evaluated[i], agent, false));
        const available = candidates.filter((_, i) => this.mayWork(evaluated[held.length + i], agent, true));
        return { assigned, available };
      },
      { isolation: 'REPEATABLE READ' },
    );
  }

  /** 404 unless the agent may work the ticket right now; a successful read of a restricted ticket is logged. */
  async read(agentId: string, ticketId: string): Promise<TicketEntity> {
    return this.outbox.inTransaction(async ({ db }) => {
      const agent = await findAgent(db, agentId);
      const ticket = await findTicket(db, ticketId);
      if (!agent || !ticket) throw ApiError.notFound('ticket');
      const held = ticket.status === 'assigned' && ticket.assigneeId === agentId;
      if (!held && ticket.status !== 'queued') throw ApiError.notFound('ticket');
      const evaluated = await this.evaluator.evaluate(db, ticket);
      if (!this.mayWork(evaluated, agent, !held)) throw ApiError.notFound('ticket');
      await this.access.record(db, ticket, agent, 'read', evaluated);
      return ticket;
    });
  }

  async release(agentId: string, ticketId: string): Promise<TicketEntity> {
    return this.changeHeld(agentId, ticketId, async (tx, t, now) => {
      Object.assign(t, { status: 'queued', assigneeId: null, assignedAt: null });
      await recordActivity(tx.db, [{ ticketId: t.id, at: now, kind: 'released', agentId }]);
      await this.router.routeLocked(tx, t, now, 'agent_change');
    });
  }

  async resolve(agentId: string, ticketId: string): Promise<TicketEntity> {
    return this.changeHeld(agentId, ticketId, (tx, t, now) => resolveTicket(tx.db, t, agentId, now));
  }

  private changeHeld(
    agentId: string,
    ticketId: string,
    change: (tx: Tx, t: TicketEntity, now: Date) => Promise<void>,
  ): Promise<TicketEntity> {
    return this.outbox.inTransaction(async (tx) => {
      const t = await lockHeldTicket(tx.db, this.evaluator, agentId, ticketId);
      await change(tx, t, this.evaluator.now());
      return t;
    });
  }

  private mayWork(e: EvaluatedTicket, agent: AgentEntity, mustBeRoutable: boolean): boolean {
    if (mustBeRoutable && !e.evaluation.routable) return false;
    return checkAgent(e.evaluation, agent).eligible;
  }
}
