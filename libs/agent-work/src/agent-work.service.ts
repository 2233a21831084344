import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AgentEntity } from '@eea/agents';
import { ApiError } from '@eea/http';
import { checkAgent } from '@eea/policy';
import { RelayJob, OutboxService } from '@eea/queue';
import { TicketEntity, recordActivity } from '@eea/tickets';
import { AccessLog } from './access-log';
import { findCandidates } from './claim-candidates';
import { EvaluatedTicket, RouterService, TicketEvaluator, lockHeldTicket } from '@eea/routing';

const QUEUE_PAGE = 25;

/** What an agent does with tickets: look at its queue, read, release, resolve. Every read is re-checked live. */
@Injectable()
export class AgentWorkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evaluator: TicketEvaluator,
    private readonly router: RouterService,
    private readonly access: AccessLog,
    private readonly outbox: OutboxService,
  ) {}

  async queue(agentId: string): Promise<{ assigned: TicketEntity[]; available: TicketEntity[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const agent = await m.findOne(AgentEntity, { where: { id: agentId } });
      if (!agent) return { assigned: [], available: [] };
      const held = await m.find(TicketEntity, {
        where: { assigneeId: agentId, status: 'assigned' },
        order: { severity: 'ASC', assignedAt: 'ASC' },
      });
      const ids = await findCandidates(m, agent, { limit: QUEUE_PAGE, lock: false });
      const byId = new Map((ids.length ? await m.find(TicketEntity, { where: { id: In(ids) } }) : []).map((t) => [t.id, t]));
      const candidates = ids.map((id) => byId.get(id)).filter((t): t is TicketEntity => t !== undefined);
      const now = this.evaluator.now();
      const evaluated = await this.evaluator.evaluateMany(m, [...held, ...candidates], now);
      const assigned = held.filter((_, i) => this.mayWork(evaluated[i], agent, false));
      const available = candidates.filter((_, i) => this.mayWork(evaluated[held.length + i], agent, true));
      return { assigned, available };
    });
  }

  /** 404 unless the agent may work the ticket right now; a successful read of a restricted ticket is logged. */
  async read(agentId: string, ticketId: string): Promise<TicketEntity> {
    return this.dataSource.transaction(async (m) => {
      const agent = await m.findOne(AgentEntity, { where: { id: agentId } });
      const ticket = await m.findOne(TicketEntity, { where: { id: ticketId } });
      if (!agent || !ticket) throw ApiError.notFound('ticket');
      const held = ticket.status === 'assigned' && ticket.assigneeId === agentId;
      if (!held && ticket.status !== 'queued') throw ApiError.notFound('ticket');
      const evaluated = await this.evaluator.evaluate(m, ticket);
      if (!this.mayWork(evaluated, agent, !held)) throw ApiError.notFound('ticket');
      await this.access.record(m, ticket, agent, 'read', evaluated);
      return ticket;
    });
  }

  async release(agentId: string, ticketId: string): Promise<TicketEntity> {
    return this.changeHeld(agentId, ticketId, async (m, t, now) => {
      Object.assign(t, { status: 'queued', assigneeId: null, assignedAt: null });
      await recordActivity(m, [{ ticketId: t.id, at: now, kind: 'released', agentId }]);
      return this.router.routeLocked(m, t, now, 'agent_change');
    });
  }

  async resolve(agentId: string, ticketId: string): Promise<TicketEntity> {
    return this.changeHeld(agentId, ticketId, async (m, t, now) => {
      // Only an assigned ticket has an assignee (ck_tickets_assignee): resolving lets go of it.
      Object.assign(t, { status: 'resolved', resolvedAt: now, assigneeId: null, assignedAt: null, deferredUntil: null });
      await m.save(t);
      await recordActivity(m, [{ ticketId: t.id, at: now, kind: 'resolved', agentId }]);
      return [];
    });
  }

  private async changeHeld(
    agentId: string,
    ticketId: string,
    change: (m: import('typeorm').EntityManager, t: TicketEntity, now: Date) => Promise<RelayJob[]>,
  ): Promise<TicketEntity> {
    let staged: RelayJob[] = [];
    const ticket = await this.dataSource.transaction(async (m) => {
      const t = await lockHeldTicket(m, this.evaluator, agentId, ticketId);
      staged = await change(m, t, this.evaluator.now());
      return t;
    });
    await this.outbox.flush(staged);
    return ticket;
  }

  private mayWork(e: EvaluatedTicket, agent: AgentEntity, mustBeRoutable: boolean): boolean {
    if (mustBeRoutable && !e.evaluation.routable) return false;
    return checkAgent(e.evaluation, agent).eligible;
  }
}
