import { Injectable } from '@nestjs/common';
import { PolicyStore } from '@eea/config';
import { OutboxService } from '@eea/queue';
import { requestRouting } from '@eea/tickets';

/** At most this many tickets per kind and pass, so that one pass never holds locks on the whole table. */
const BATCH = 1000;
/** How long a new ticket may stay `received` before its routing is requested again. */
const UNROUTED_AFTER_MS = 10_000;

/**
 * The safety net behind routing jobs, run every SWEEP_INTERVAL_MS by the worker: asks for the tickets
 * due a routing that no job may be carrying any more to be routed again.
 */
@Injectable()
export class RoutingRequestsDue {
  constructor(
    private readonly outbox: OutboxService,
    private readonly policy: PolicyStore,
  ) {}

  /** Returns how many tickets of each kind it asked for. */
  async requestDue(now: Date): Promise<{ unrouted: number; deferralsDue: number; policyChanged: number }> {
    return this.outbox.inTransaction(async (tx) => ({
      // Committed but never routed (Redis down after commit, the process gone, a crash mid-routing).
      unrouted: (
        await requestRouting(tx, 'sweep', { kind: 'unrouted', before: new Date(now.getTime() - UNROUTED_AFTER_MS), limit: BATCH })
      ).length,
      // Deferred until now or earlier: their delayed job was lost.
      deferralsDue: (await requestRouting(tx, 'deferral_elapsed', { kind: 'deferral-due', at: now, limit: BATCH })).length,
      // Routed under another policy version than the one loaded (a new policy file).
      policyChanged: (
        await requestRouting(tx, 'policy_changed', {
          kind: 'policy-outdated',
          version: this.policy.current().version,
          limit: BATCH,
        })
      ).length,
    }));
  }
}
