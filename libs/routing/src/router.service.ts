import { Injectable, Logger } from '@nestjs/common';
import { findAgent } from '@eea/agents';
import { AuditService } from '@eea/audit';
import type { Db } from '@eea/database';
import { EventService } from '@eea/outbound';
import { TicketEvaluation, TraceStep, checkAgent } from '@eea/policy';
import { OutboxService, Tx } from '@eea/queue';
import { DecisionTrigger, TicketEntity, TicketStatus, lockTicketForRouting, recordActivity, saveRouting } from '@eea/tickets';
import { FirstRoutingBatch } from './first-routing-batch.service';
import { applyEvaluation, followUpJobs, mergeFlags } from './routing-decision';
import { TicketEvaluator } from './ticket-evaluator';
import { recordWidening, widenedBy } from './widening';

export type { RoutingOutcome } from './routing-decision';

/**
 * Turns a ticket's current facts into its routing state. Idempotent: it always evaluates the ticket
 * as it is now, so running it twice, late or out of order leaves the same result.
 */
@Injectable()
export class RouterService {
  private readonly logger = new Logger(RouterService.name);

  constructor(
    private readonly evaluator: TicketEvaluator,
    private readonly outbox: OutboxService,
    private readonly firstRoutings: FirstRoutingBatch,
    private readonly events: EventService,
    private readonly audit: AuditService,
  ) {}

  async route(ticketId: string, trigger: DecisionTrigger): Promise<TicketStatus | null> {
    // The first routing of a `received` ticket (the hot path: every new ticket) is batched with the others
    // in flight, without a lock.
    const first = await this.firstRoutings.route(ticketId, trigger);
    if (first !== 'locked') return first;
    return this.routeUnderLock(ticketId, trigger);
  }

  /** Routes the ticket under its row lock, in a transaction of its own: every routing that is not a first one. */
  async routeUnderLock(ticketId: string, trigger: DecisionTrigger): Promise<TicketStatus | null> {
    return this.outbox.inTransaction(async (tx) => {
      // Locks, and lets the first routing of a `received` ticket commit without the WAL flush wait.
      const ticket = await lockTicketForRouting(tx.db, ticketId);
      if (!ticket || ticket.status === 'resolved') return null;
      await this.routeLocked(tx, ticket, this.evaluator.now(), trigger);
      return ticket.status;
    });
  }

  /**
   * Routes a ticket the caller has locked, inside the caller's transaction `tx`, staging its follow-up
   * jobs and events on it. `trigger` is what caused it, recorded on the decision (none when nothing
   * stored changes).
   */
  async routeLocked(tx: Tx, ticket: TicketEntity, now: Date, trigger: DecisionTrigger): Promise<void> {
    const m = tx.db;
    let evaluation: TicketEvaluation;
    try {
      evaluation = (await this.evaluator.evaluate(m, ticket, now)).evaluation;
    } catch (e) {
      return this.strand(tx, ticket, now, e as Error, trigger);
    }
    const trace = [...evaluation.trace];
    const before = ticket.status;
    const holder = ticket.status === 'assigned' ? ticket.assigneeId : null;
    const previousCountries = ticket.allowedCountries;
    // Hours never take a ticket from the agent holding it; only location and skills can.
    const kept = ticket.status === 'assigned' && (await this.assigneeMayKeep(m, ticket, evaluation, trace));
    const decision = applyEvaluation(ticket, evaluation, trace, kept, now, trigger);
    // A `received` ticket had no routing yet: its first one widens nothing.
    const added = before === 'received' ? null : widenedBy(previousCountries, ticket.allowedCountries);
    if (added) await recordWidening(m, this.audit, ticket, evaluation, added, trace);
    await saveRouting(m, ticket, decision);
    if (holder && !kept)
      await recordActivity(m, [{ ticketId: ticket.id, at: now, kind: 'taken_back', agentId: holder, details: { trigger } }]);
    await this.stageFollowUps(tx, ticket, before, now);
  }

  private async assigneeMayKeep(db: Db, ticket: TicketEntity, ev: TicketEvaluation, trace: TraceStep[]) {
    const agent = await findAgent(db, ticket.assigneeId!);
    const eligibility = agent ? checkAgent(ev, agent) : { eligible: false, reasons: ['agent_missing'] };
    trace.push({
      rule: 'assignment',
      outcome: eligibility.eligible ? 'kept' : 'taken_back',
      detail: eligibility.eligible
        ? `assignee ${ticket.assigneeId} may still work the ticket`
        : `assignee ${ticket.assigneeId} no longer eligible: ${eligibility.reasons.join(', ')}`,
    });
    return eligibility.eligible;
  }

  private async stageFollowUps(tx: Tx, t: TicketEntity, before: TicketStatus, now: Date): Promise<void> {
    await tx.stageAll(followUpJobs(this.events, t, before, now));
  }

  /** The policy could not be evaluated: nobody may work the ticket until a manager looks at it. */
  private async strand(tx: Tx, t: TicketEntity, now: Date, error: Error, trigger: DecisionTrigger): Promise<void> {
    this.logger.error({ ticketId: t.id, errName: error.name, err: error.message }, 'policy evaluation failed; ticket stranded');
    const before = t.status;
    Object.assign(t, { status: 'stranded', assigneeId: null, assignedAt: null, allowedCountries: [], deferredUntil: null });
    t.flags = mergeFlags(t.flags, ['policy_error']);
    await saveRouting(tx.db, t, {
      at: now,
      trigger,
      policyVersion: t.policyVersion ?? 'unknown',
      outcome: 'stranded',
      allowedCountries: [],
      deferredUntil: null,
      flags: ['policy_error'],
      trace: [{ rule: 'evaluate', outcome: 'error', detail: error.name }],
    });
    await this.stageFollowUps(tx, t, before, now);
  }
}
