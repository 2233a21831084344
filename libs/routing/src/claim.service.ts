import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgentEntity } from '@eea/agents';
import { EventService } from '@eea/outbound';
import { checkAgent } from '@eea/policy';
import { OutboxEntity, OutboxService } from '@eea/queue';
import { TicketEntity } from '@eea/tickets';
import { claimsTotal } from '@eea/observability';
import { AccessLog } from './access-log';
import { findCandidates } from './claim-candidates';
import { RouterService } from './router.service';
import { TicketEvaluator } from './ticket-context';

/** How many candidates one claim may try when the stored pre-filter is stale (hours closed, consent lapsed). */
const MAX_CANDIDATES = 5;

/**
 * Atomically hands an agent the best ticket it may work now. SQL pre-filters on the stored allowed
 * countries and skills; the policy engine then re-checks the locked candidate with live consents and
 * hours, so a stale row can never widen who gets a ticket.
 */
@Injectable()
export class ClaimService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evaluator: TicketEvaluator,
    private readonly router: RouterService,
    private readonly access: AccessLog,
    private readonly outbox: OutboxService,
    private readonly events: EventService,
  ) {}

  async claim(agentId: string): Promise<TicketEntity | null> {
    const staged: OutboxEntity[] = [];
    const ticket = await this.dataSource.transaction(async (m) => {
      // Locking the agent row serialises one agent's concurrent claims, so capacity holds.
      const agent = await m.findOne(AgentEntity, { where: { id: agentId }, lock: { mode: 'pessimistic_write' } });
      if (!agent || agent.status !== 'available' || !(await this.hasCapacity(m, agent))) return null;
      const tried: string[] = [];
      for (let i = 0; i < MAX_CANDIDATES; i++) {
        // SKIP LOCKED does not skip rows this transaction already locked: exclude what was tried.
        const candidate = await this.nextCandidate(m, agent, tried);
        if (!candidate) return null;
        tried.push(candidate.id);
        const assigned = await this.tryAssign(m, agent, candidate, staged);
        if (assigned) return assigned;
      }
      return null;
    });
    claimsTotal.inc({ result: ticket ? 'assigned' : 'empty' });
    await this.outbox.flush(staged);
    return ticket;
  }

  private async hasCapacity(m: EntityManager, agent: AgentEntity): Promise<boolean> {
    const [{ held }] = await m.query(
      `SELECT count(*)::int AS held FROM tickets WHERE assignee_id = $1 AND status = 'assigned'`, [agent.id]);
    return held < agent.capacity;
  }

  private async nextCandidate(m: EntityManager, agent: AgentEntity, tried: string[]): Promise<TicketEntity | null> {
    const [id] = await findCandidates(m, agent, { limit: 1, lock: true, exclude: tried });
    return id ? m.findOne(TicketEntity, { where: { id } }) : null;
  }

  private async tryAssign(m: EntityManager, agent: AgentEntity, t: TicketEntity, staged: OutboxEntity[]) {
    const now = this.evaluator.now();
    const evaluated = await this.evaluator.evaluate(m, t, now);
    const { evaluation } = evaluated;
    const eligible = checkAgent(evaluation, agent).eligible;
    if (!evaluation.routable || !eligible) {
      // The stored pre-filter was stale: bring the ticket up to date and try the next one.
      staged.push(...(await this.router.routeLocked(m, t, now)));
      return null;
    }
    Object.assign(t, { status: 'assigned', assigneeId: agent.id, assignedAt: now });
    await m.save(t);
    await this.access.record(m, t, agent, 'claim', evaluated);
    staged.push(...(await this.events.stage(m, 'ticket.assigned', now, {
      ticketId: t.id, externalId: t.externalId, source: t.source, status: 'assigned', assigneeId: agent.id, agentCountry: agent.country,
    })));
    return t;
  }
}
