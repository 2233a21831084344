import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgentEntity } from '@eea/agents';
import { entitySelectList, queryRows } from '@eea/database';
import { ApiError } from '@eea/http';
import { EventService } from '@eea/outbound';
import { checkAgent } from '@eea/policy';
import { RelayJob, OutboxService } from '@eea/queue';
import { TicketEntity } from '@eea/tickets';
import { claimsTotal } from '@eea/observability';
import { AccessEntry, AccessLog } from './access-log';
import { lockNextCandidate } from './claim-candidates';
import { EvaluatedTicket, RouterService, TicketEvaluator } from '@eea/routing';

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
    const staged: RelayJob[] = [];
    const ticket = await this.dataSource.transaction(async (m) => {
      // Locking the agent row serialises one agent's concurrent claims, so capacity holds.
      const agent = await lockAgent(m, agentId);
      if (!agent) return null;
      assertAvailable(agent);
      const tried: string[] = [];
      for (let i = 0; i < MAX_CANDIDATES; i++) {
        // SKIP LOCKED does not skip rows this transaction already locked: exclude what was tried.
        const candidate = await lockNextCandidate(m, agent, tried);
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

  /**
   * Claims one named ticket. 404 when the agent may not work it now (as for a read: it does not learn
   * the ticket exists), 409 `conflict` when someone holds it or the agent is at capacity. Same locks and
   * live re-check as `claim`: agent row first, then the ticket.
   */
  async claimTicket(agentId: string, ticketId: string): Promise<TicketEntity> {
    const staged: RelayJob[] = [];
    const ticket = await this.dataSource.transaction(async (m) => {
      const agent = await lockAgent(m, agentId);
      if (!agent) throw ApiError.notFound('ticket');
      assertAvailable(agent);
      const t = await m.findOne(TicketEntity, { where: { id: ticketId }, lock: { mode: 'pessimistic_write' } });
      if (!t || (t.status !== 'queued' && t.status !== 'assigned')) throw ApiError.notFound('ticket');
      const evaluated = await this.evaluator.evaluate(m, t);
      if (!checkAgent(evaluated.evaluation, agent).eligible) throw ApiError.notFound('ticket');
      if (t.status === 'assigned') {
        if (t.assigneeId === agent.id) return t;
        throw ApiError.conflict('Another agent holds this ticket.');
      }
      if (!evaluated.evaluation.routable) {
        staged.push(...(await this.router.routeLocked(m, t, evaluated.now, 'claim_recheck')));
        return null;
      }
      if ((await heldCount(m, agent.id)) >= agent.capacity)
        throw ApiError.conflict(`The agent already holds ${agent.capacity} tickets, its capacity.`);
      await this.assign(m, t, agent, evaluated);
      staged.push(...(await this.assignedEvent(m, t, agent, evaluated.now)));
      return t;
    });
    await this.outbox.flush(staged);
    claimsTotal.inc({ result: ticket ? 'assigned' : 'empty' });
    // Not routable now (hours closed since it was queued): it was re-routed, and is not workable.
    if (!ticket) throw ApiError.notFound('ticket');
    return ticket;
  }

  private async tryAssign(m: EntityManager, agent: AgentEntity, t: TicketEntity, staged: RelayJob[]) {
    const now = this.evaluator.now();
    const evaluated = await this.evaluator.evaluate(m, t, now);
    const { evaluation } = evaluated;
    const eligible = checkAgent(evaluation, agent).eligible;
    if (!evaluation.routable || !eligible) {
      // The stored pre-filter was stale: bring the ticket up to date and try the next one.
      staged.push(...(await this.router.routeLocked(m, t, now, 'claim_recheck')));
      return null;
    }
    await this.assign(m, t, agent, evaluated);
    staged.push(...(await this.assignedEvent(m, t, agent, now)));
    return t;
  }

  private assignedEvent(m: EntityManager, t: TicketEntity, agent: AgentEntity, now: Date) {
    return this.events.stage(m, 'ticket.assigned', now, {
      ticketId: t.id,
      externalId: t.externalId,
      source: t.source,
      status: 'assigned',
      assigneeId: agent.id,
      agentCountry: agent.country,
    });
  }

  /** Assigns the locked ticket and records the access (restricted tickets) in one statement. */
  private async assign(m: EntityManager, t: TicketEntity, agent: AgentEntity, evaluated: EvaluatedTicket): Promise<void> {
    const entry = this.access.entry(t, agent, 'claim', evaluated);
    const rows = await queryRows<{ updated_at: Date }>(m, entry ? ASSIGN_AND_LOG_SQL : ASSIGN_SQL, [
      t.id,
      agent.id,
      evaluated.now,
      ...(entry ? accessParams(entry) : []),
    ]);
    // The row is locked by this transaction and was queued when picked; anything else is a bug, not a race.
    if (rows.length !== 1) throw new Error(`claim: ticket ${t.id} was not queued when assigned`);
    Object.assign(t, { status: 'assigned', assigneeId: agent.id, assignedAt: evaluated.now, updatedAt: rows[0].updated_at });
  }
}

/** Assigns, and records the claim in the ticket's activity, in one statement. */
const ASSIGN_SQL = `
  WITH assigned AS (
    UPDATE tickets SET status = 'assigned', assignee_id = $2, assigned_at = $3, updated_at = now()
     WHERE id = $1 AND status = 'queued' RETURNING updated_at
  ),
  claimed AS (INSERT INTO ticket_activity (ticket_id, at, kind, agent_id) SELECT $1, $3, 'claimed', $2 FROM assigned)
  SELECT updated_at FROM assigned`;

const ASSIGN_AND_LOG_SQL = `
  WITH assigned AS (
    UPDATE tickets SET status = 'assigned', assignee_id = $2, assigned_at = $3, updated_at = now()
     WHERE id = $1 AND status = 'queued' RETURNING updated_at
  ),
  claimed AS (INSERT INTO ticket_activity (ticket_id, at, kind, agent_id) SELECT $1, $3, 'claimed', $2 FROM assigned),
  logged AS (
    INSERT INTO ticket_accesses (ticket_id, agent_id, country, action, transfer, consent_id, at)
      SELECT $1, $2, $4::text, $5::text, $6::boolean, $7::uuid, $3 FROM assigned
  )
  SELECT updated_at FROM assigned`;

/** An agent that is away or offline learns why it gets nothing (SPEC 4), instead of an empty answer. */
function assertAvailable(agent: AgentEntity): void {
  if (agent.status !== 'available') {
    throw new ApiError(409, 'agent_unavailable', `The agent is ${agent.status}; set its status to available to claim tickets.`, [
      { field: 'status', message: `is ${agent.status}`, status: agent.status },
    ]);
  }
}

async function heldCount(m: EntityManager, agentId: string): Promise<number> {
  const [row] = await m.query(`SELECT count(*)::int AS n FROM tickets WHERE assignee_id = $1 AND status = 'assigned'`, [agentId]);
  return row.n;
}

async function lockAgent(m: EntityManager, agentId: string): Promise<AgentEntity | null> {
  const [row] = await m.query(`SELECT ${entitySelectList(AgentEntity, 'a')} FROM agents a WHERE a.id = $1 FOR UPDATE`, [agentId]);
  return row ? Object.assign(new AgentEntity(), row) : null;
}

function accessParams(e: AccessEntry): unknown[] {
  return [e.country, e.action, e.transfer, e.consentId];
}
