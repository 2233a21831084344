import { Injectable } from '@nestjs/common';
import { AgentEntity, lockAgent } from '@eea/agents';
import { ApiError } from '@eea/http';
import { claimFactsTotal, claimsTotal } from '@eea/observability';
import { EventService } from '@eea/outbound';
import { checkAgent } from '@eea/policy';
import { OutboxService, Tx } from '@eea/queue';
import { EvaluatedTicket, RouterService, TicketEvaluator } from '@eea/routing';
import { ClaimPick, TicketEntity, assignClaimed, lockTicketForClaim, pickClaimCandidate } from '@eea/tickets';
import { AccessLog } from './access-log';

/** How many candidates one claim may try when the stored pre-filter is stale (hours closed, consent lapsed). */
const MAX_CANDIDATES = 5;

/**
 * Atomically hands an agent the best ticket it may work now. SQL pre-filters on the stored allowed
 * countries and skills; the policy engine then re-checks the locked candidate with live consents and
 * hours, so a stale row can never widen who gets a ticket.
 *
 * A claim is five round trips: BEGIN, the agent's lock, the candidate's lock with the facts of its
 * re-check (`pickClaimCandidate`; `lockTicketForClaim` for a named ticket), the assignment with its
 * activity, access and event (`assignClaimed`), COMMIT. The agent lock stays a statement of its own so
 * that the pick's snapshot (its capacity count, its consents) is taken after any claim of the same
 * agent that held it.
 */
@Injectable()
export class ClaimService {
  constructor(
    private readonly evaluator: TicketEvaluator,
    private readonly router: RouterService,
    private readonly access: AccessLog,
    private readonly outbox: OutboxService,
    private readonly events: EventService,
  ) {}

  async claim(agentId: string): Promise<TicketEntity | null> {
    const ticket = await this.outbox.inTransaction(async (tx) => {
      // Locking the agent row serialises one agent's concurrent claims, so capacity holds.
      const agent = await lockAgent(tx.db, agentId);
      if (!agent) return null;
      assertAvailable(agent);
      const tried: string[] = [];
      for (let i = 0; i < MAX_CANDIDATES; i++) {
        // SKIP LOCKED does not skip rows this transaction already locked: exclude what was tried.
        const pick = await pickClaimCandidate(tx.db, agent, tried, this.evaluator.now());
        if (!pick) return null;
        tried.push(pick.ticket.id);
        const assigned = await this.tryAssign(tx, agent, pick);
        if (assigned) return assigned;
      }
      return null;
    });
    claimsTotal.inc({ result: ticket ? 'assigned' : 'empty' });
    return ticket;
  }

  /**
   * Claims one named ticket. 404 when the agent may not work it now (as for a read: it does not learn
   * the ticket exists), 409 `conflict` when someone holds it or the agent is at capacity. Same locks and
   * live re-check as `claim`: agent row first, then the ticket.
   */
  async claimTicket(agentId: string, ticketId: string): Promise<TicketEntity> {
    const ticket = await this.outbox.inTransaction(async (tx) => {
      const agent = await lockAgent(tx.db, agentId);
      if (!agent) throw ApiError.notFound('ticket');
      assertAvailable(agent);
      const locked = await lockTicketForClaim(tx.db, ticketId, this.evaluator.now());
      if (!locked || (locked.ticket.status !== 'queued' && locked.ticket.status !== 'assigned'))
        throw ApiError.notFound('ticket');
      const t = locked.ticket;
      const evaluated = await this.evaluated(tx, locked);
      if (!checkAgent(evaluated.evaluation, agent).eligible) throw ApiError.notFound('ticket');
      if (t.status === 'assigned') {
        if (t.assigneeId === agent.id) return t;
        throw ApiError.conflict('Another agent holds this ticket.');
      }
      if (!evaluated.evaluation.routable) {
        await this.router.routeLocked(tx, t, evaluated.now, 'claim_recheck');
        return null;
      }
      // The capacity is checked by the assignment itself (a statement after the agent's lock).
      if (!(await this.assign(tx, t, agent, evaluated, agent.capacity)))
        throw ApiError.conflict(`The agent already holds ${agent.capacity} tickets, its capacity.`);
      return t;
    });
    claimsTotal.inc({ result: ticket ? 'assigned' : 'empty' });
    // Not routable now (hours closed since it was queued): it was re-routed, and is not workable.
    if (!ticket) throw ApiError.notFound('ticket');
    return ticket;
  }

  private async tryAssign(tx: Tx, agent: AgentEntity, pick: ClaimPick): Promise<TicketEntity | null> {
    const t = pick.ticket;
    const evaluated = await this.evaluated(tx, pick);
    const { evaluation, now } = evaluated;
    const eligible = checkAgent(evaluation, agent).eligible;
    if (!evaluation.routable || !eligible) {
      // The stored pre-filter was stale: bring the ticket up to date and try the next one.
      await this.router.routeLocked(tx, t, now, 'claim_recheck');
      return null;
    }
    // The pick counted the agent's tickets after its lock: no second count.
    await this.assign(tx, t, agent, evaluated, null);
    return t;
  }

  /**
   * The live evaluation of a locked ticket, as of now (after the lock: the statement read the consents
   * unexpired at the time it was sent, a superset of those active now, and the engine decides at `now`).
   * Facts that may predate the locked row version are read again.
   */
  private evaluated(tx: Tx, locked: ClaimPick): Promise<EvaluatedTicket> | EvaluatedTicket {
    claimFactsTotal.inc({ read: locked.facts ? 'with_lock' : 'again' });
    const { ticket: t, facts } = locked;
    const now = this.evaluator.now();
    return facts
      ? this.evaluator.evaluateWith(t, facts.tier, facts.consents, now, facts.sourceVerified)
      : this.evaluator.evaluate(tx.db, t, now);
  }

  /**
   * Assigns the locked ticket with its activity, the access (restricted tickets) and the event, in one
   * statement; with `capacity`, only while the agent holds fewer tickets (false otherwise).
   */
  private async assign(
    tx: Tx,
    t: TicketEntity,
    agent: AgentEntity,
    evaluated: EvaluatedTicket,
    capacity: number | null,
  ): Promise<boolean> {
    const event = this.events.job('ticket.assigned', evaluated.now, {
      ticketId: t.id,
      externalId: t.externalId,
      source: t.source,
      status: 'assigned',
      assigneeId: agent.id,
      agentCountry: agent.country,
    });
    const access = this.access.entry(t, agent, 'claim', evaluated);
    const done = await assignClaimed(tx.db, t, agent.id, evaluated.now, { access, capacity, event });
    if (!done) return false;
    // Written by the same statement: relayed after commit like any staged job.
    if (done.event) tx.track(done.event);
    return true;
  }
}

/** An agent that is away or offline learns why it gets nothing (SPEC 4), instead of an empty answer. */
function assertAvailable(agent: AgentEntity): void {
  if (agent.status !== 'available') {
    throw new ApiError(409, 'agent_unavailable', `The agent is ${agent.status}; set its status to available to claim tickets.`, [
      { field: 'status', message: `is ${agent.status}`, status: agent.status },
    ]);
  }
}
