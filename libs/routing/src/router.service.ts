import { Injectable, Logger } from '@nestjs/common';
import { findAgent } from '@eea/agents';
import { AuditService } from '@eea/audit';
import type { Db } from '@eea/database';
import { EventService } from '@eea/outbound';
import { TicketEvaluation, TraceStep, checkAgent, permittedCountries } from '@eea/policy';
import { OutboxRelay, OutboxService, RelayJob, Tx, outboxRow } from '@eea/queue';
import {
  DecisionTrigger,
  INTAKE_FLAGS,
  RoutingDecision,
  TicketEntity,
  TicketStatus,
  lockTicketForRouting,
  readForFirstRouting,
  recordActivity,
  saveFirstRouting,
  saveRouting,
} from '@eea/tickets';
import { TicketEvaluator } from './ticket-evaluator';
import { recordWidening, widenedBy } from './widening';

export type RoutingOutcome = 'queued' | 'deferred' | 'stranded';

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
    private readonly relay: OutboxRelay,
    private readonly events: EventService,
    private readonly audit: AuditService,
  ) {}

  async route(ticketId: string, trigger: DecisionTrigger): Promise<TicketStatus | null> {
    const first = await this.routeFirst(ticketId, trigger);
    if (first !== undefined) return first;
    return this.outbox.inTransaction(async (tx) => {
      // Locks, and lets the first routing of a `received` ticket commit without the WAL flush wait.
      const ticket = await lockTicketForRouting(tx.db, ticketId);
      if (!ticket || ticket.status === 'resolved') return null;
      await this.routeLocked(tx, ticket, this.evaluator.now(), trigger);
      return ticket.status;
    });
  }

  /**
   * The first routing of a `received` ticket (the hot path: every new ticket) in two round trips and no
   * transaction: one read, then a write that lands only if the row is unchanged (`saveFirstRouting`).
   * Undefined when it does not apply or lost a race; the caller then routes under the row lock. A
   * deferral's job is written by the same statement; with events configured, the locked way stages them.
   */
  private async routeFirst(ticketId: string, trigger: DecisionTrigger): Promise<TicketStatus | null | undefined> {
    const db = this.outbox.db;
    const now = this.evaluator.now();
    const read = await readForFirstRouting(db, ticketId, now);
    if (!read) return null;
    if (read.ticket.status !== 'received') return undefined;
    let evaluation: TicketEvaluation;
    try {
      evaluation = this.evaluator.evaluateWith(read.ticket, read.tier, read.consents, now, read.sourceVerified).evaluation;
    } catch {
      return undefined; // stranded, with its reason logged, under the lock
    }
    const decision = this.apply(read.ticket, evaluation, [...evaluation.trace], false, now, trigger);
    if (this.events.enabled) return undefined;
    const saved = await saveFirstRouting(db, read, decision, this.deferralJob(read.ticket, now));
    if (!saved) return undefined;
    // The statement committed on its own (no transaction around it): its job goes to the relay now.
    if (saved.followUp) this.relay.enqueue([saved.followUp]);
    return read.ticket.status;
  }

  /** The job that routes a deferred ticket again when its support window opens (kept as it would be on a later second). */
  private deferralJob(t: TicketEntity, now: Date): RelayJob | undefined {
    if (t.status !== 'deferred' || !t.deferredUntil) return undefined;
    return outboxRow(
      'route-ticket',
      { ticketId: t.id, revision: t.revision, reason: 'deferral_elapsed', dueAt: t.deferredUntil.toISOString() },
      Math.max(0, t.deferredUntil.getTime() - now.getTime()),
    );
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
    const decision = this.apply(ticket, evaluation, trace, kept, now, trigger);
    // A `received` ticket had no routing yet: its first one widens nothing.
    const added = before === 'received' ? null : widenedBy(previousCountries, ticket.allowedCountries);
    if (added) await recordWidening(m, this.audit, ticket, evaluation, added, trace);
    await saveRouting(m, ticket, decision);
    if (holder && !kept)
      await recordActivity(m, [{ ticketId: ticket.id, at: now, kind: 'taken_back', agentId: holder, details: { trigger } }]);
    await this.stageFollowUps(tx, ticket, before, now);
  }

  /** Sets the ticket's routing state from `evaluation` (in memory) and returns the decision to record. */
  private apply(
    ticket: TicketEntity,
    evaluation: TicketEvaluation,
    trace: TraceStep[],
    assigneeKeeps: boolean,
    now: Date,
    trigger: DecisionTrigger,
  ): RoutingDecision {
    const permitted = permittedCountries(evaluation);
    const outcome: RoutingOutcome =
      permitted !== '*' && permitted.length === 0 ? 'stranded' : evaluation.routable ? 'queued' : 'deferred';
    if (!assigneeKeeps) {
      ticket.status = outcome;
      ticket.assigneeId = null;
      ticket.assignedAt = null;
    }
    ticket.allowedCountries = permitted === '*' ? null : permitted;
    // A held ticket is never deferred: the holder keeps working it, so it carries no deferral either.
    ticket.deferredUntil = ticket.status === 'deferred' ? evaluation.deferredUntil : null;
    ticket.flags = mergeFlags(ticket.flags, evaluation.flags);
    ticket.policyVersion = evaluation.policyVersion;
    ticket.regionCountry = evaluation.regionCountry;
    ticket.jurisdiction = evaluation.jurisdiction;
    ticket.tier = evaluation.tier;
    return {
      at: now,
      trigger,
      policyVersion: evaluation.policyVersion,
      outcome,
      allowedCountries: ticket.allowedCountries,
      deferredUntil: outcome === 'deferred' ? evaluation.deferredUntil : null,
      flags: evaluation.flags,
      trace,
    };
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
    const deferral = this.deferralJob(t, now);
    if (deferral) await tx.stageAll([deferral]);
    if (t.status !== before && (t.status === 'queued' || t.status === 'deferred' || t.status === 'stranded')) {
      await this.events.emit(tx, `ticket.${t.status}`, now, {
        ticketId: t.id,
        externalId: t.externalId,
        source: t.source,
        status: t.status,
        allowedCountries: t.allowedCountries ?? ['*'],
        deferredUntil: t.deferredUntil?.toISOString() ?? null,
      });
    }
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

/** Policy flags are recomputed on each evaluation; operational flags (alarms, what intake could not read) are kept. */
const OPERATIONAL_FLAGS = new Set<string>(['sev1_unclaimed', ...INTAKE_FLAGS]);
function mergeFlags(existing: string[], fromPolicy: string[]): string[] {
  return [...new Set([...fromPolicy, ...existing.filter((f) => OPERATIONAL_FLAGS.has(f))])];
}
