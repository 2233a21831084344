import { Injectable } from '@nestjs/common';
import { GroupCommit } from '@eea/database';
import type { TicketEvaluation } from '@eea/policy';
import { EventService } from '@eea/outbound';
import { OutboxRelay, OutboxService, RelayJob } from '@eea/queue';
import { DecisionTrigger, FirstRoutingWrite, TicketStatus, readForFirstRoutings, saveFirstRoutings } from '@eea/tickets';
import { applyEvaluation, followUpJobs } from './routing-decision';
import { TicketEvaluator } from './ticket-evaluator';

export interface FirstRoutingRequest {
  ticketId: string;
  trigger: DecisionTrigger;
}

/**
 * What a first routing did: the ticket's new status; null when there is no such ticket; `locked` when
 * it must be routed under the row lock (it is not `received`, its evaluation failed, or its row changed
 * between the read and the write).
 */
export type FirstRoutingResult = TicketStatus | null | 'locked';

/** A request after the read and the evaluation: what to write, or its answer already. */
export type FirstRoutingPlan = { write: FirstRoutingWrite } | { result: FirstRoutingResult };

/**
 * First routings of `received` tickets, batched: the requests that arrive together are read with one
 * statement, evaluated, and written with one statement and one commit, and each caller gets its own
 * ticket's answer.
 *
 * One `GroupCommit` whose write does read → evaluate → write for the whole batch, rather than one
 * batcher for reads and one for writes: each row's write is guarded by the version its own read
 * returned, so keeping both in one unit keeps that pairing trivial; a batch in flight for two round
 * trips gathers the next one meanwhile (what the batch size needs at the routing queue's concurrency);
 * and when a batch's statement fails, each request is retried alone from its read, so one bad ticket
 * fails alone and its job is retried by BullMQ as before. Repeating is safe: a write that did commit
 * changed the row version and status, so the retry finds no `received` row and answers `locked`, and the
 * locked path records no second decision for an unchanged result. With nothing in flight a request is
 * routed at once and alone, so light load adds no latency.
 *
 * Why no path widens a ticket's countries: every change that could widen them (a revocation, a tier or
 * policy change, an update) rewrites the ticket row in its own transaction, so it changes the row's
 * `xmin`; each row of the batch is written only if its `xmin` is still the one its facts were read with
 * (row by row: a changed row writes nothing and the others are written), so a decision from facts read
 * before such a change can never land after it. That row's job routes again under the lock.
 */
@Injectable()
export class FirstRoutingBatch {
  private readonly batcher = new GroupCommit<FirstRoutingRequest, FirstRoutingResult>({
    // Above the routing queue's concurrency, so that a batch is bounded by the jobs in flight, not by this.
    maxBatch: 64,
    maxWaitMs: 10,
    write: (requests) => this.routeAll(requests),
  });

  constructor(
    private readonly evaluator: TicketEvaluator,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly events: EventService,
  ) {}

  /** Resolves with this ticket's answer once the batch holding it has committed. */
  route(ticketId: string, trigger: DecisionTrigger): Promise<FirstRoutingResult> {
    return this.batcher.submit({ ticketId, trigger });
  }

  /** One batch: its answers, in order. */
  async routeAll(requests: FirstRoutingRequest[]): Promise<FirstRoutingResult[]> {
    return this.write(await this.plan(requests, this.evaluator.now()));
  }

  /** Reads the tickets in one statement (no lock) and evaluates each as of `now`. */
  async plan(requests: FirstRoutingRequest[], now: Date): Promise<FirstRoutingPlan[]> {
    const reads = await readForFirstRoutings(
      this.outbox.db,
      requests.map((r) => r.ticketId),
      now,
    );
    const planned = new Set<string>();
    return requests.map(({ ticketId, trigger }): FirstRoutingPlan => {
      const read = reads.get(ticketId);
      if (!read) return { result: null };
      // A second request for a ticket of this batch: under the lock, as it would be once the first is written.
      if (read.ticket.status !== 'received' || planned.has(ticketId)) return { result: 'locked' };
      planned.add(ticketId);
      let evaluation: TicketEvaluation;
      try {
        evaluation = this.evaluator.evaluateWith(read.ticket, read.tier, read.consents, now, read.sourceVerified).evaluation;
      } catch {
        return { result: 'locked' }; // stranded, with its reason logged, under the lock
      }
      const decision = applyEvaluation(read.ticket, evaluation, [...evaluation.trace], false, now, trigger);
      return { write: { read, decision, jobs: followUpJobs(this.events, read.ticket, 'received', now) } };
    });
  }

  /** Writes the planned rows in one statement; a row whose ticket changed since its read answers `locked`. */
  async write(plans: FirstRoutingPlan[]): Promise<FirstRoutingResult[]> {
    const writes = plans.flatMap((p) => ('write' in p ? [p.write] : []));
    const saved = await saveFirstRoutings(this.outbox.db, writes);
    // The statement committed on its own (no transaction around it): its jobs go to the relay now.
    const jobs = saved.flatMap((s): RelayJob[] => (s ? s.jobs : []));
    if (jobs.length > 0) this.relay.enqueue(jobs);
    let k = 0;
    return plans.map((p) => {
      if (!('write' in p)) return p.result;
      return saved[k++] ? p.write.read.ticket.status : 'locked';
    });
  }
}
