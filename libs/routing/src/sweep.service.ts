import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock, PolicyStore } from '@eea/config';
import { queryRows } from '@eea/database';
import { EventService } from '@eea/outbound';
import { OutboxService, RouteReason, Tx } from '@eea/queue';
import { RoutingSelector, raiseSev1Alarms, requestRouting, takeBackFromOffline } from '@eea/tickets';

/**
 * The safety net behind every delayed job and the outbox, run every few seconds by the worker:
 * whatever a lost job or a dead process left undone is picked up here.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger(SweepService.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly events: EventService,
    private readonly config: AppConfig,
    private readonly policy: PolicyStore,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<Record<string, number>> {
    const relayed = await this.outbox.relayPending();
    const now = this.clock.now();
    const graceStart = new Date(now.getTime() - this.config.OFFLINE_GRACE_SECONDS * 1000);
    const counts = await this.outbox.inTransaction(async (tx) => ({
      // Committed but never routed (a job lost before the outbox existed, or a crash mid-routing).
      unrouted: await this.request(tx, 'sweep', { kind: 'unrouted', before: new Date(now.getTime() - 10_000), limit: 1000 }),
      deferralsDue: await this.request(tx, 'deferral_elapsed', { kind: 'deferral-due', at: now, limit: 1000 }),
      policyChanged: await this.request(tx, 'policy_changed', {
        kind: 'policy-outdated',
        version: this.policy.current().version,
        limit: 1000,
      }),
      offlineHeld: await this.takeBackFromOffline(tx, graceStart),
      consentsExpired: await this.expiredConsents(tx, now),
      sev1Alarms: await this.sev1Alarms(tx, now),
    }));
    const total = relayed + Object.values(counts).reduce((a, b) => a + b, 0);
    if (total > 0) this.logger.log({ relayed, ...counts }, 'sweep caught up');
    return { relayed, ...counts };
  }

  private async request(tx: Tx, reason: RouteReason, selector: RoutingSelector) {
    // Bounded per pass so that one sweep never holds locks on the whole table.
    return (await requestRouting(tx, reason, selector)).length;
  }

  /** Agents offline for longer than the grace period lose what they hold (backs the per-agent delayed job). */
  private async takeBackFromOffline(tx: Tx, graceStart: Date) {
    const ids = await takeBackFromOffline(tx.db, { offlineSince: graceStart, at: this.clock.now() });
    if (ids.length === 0) return 0;
    await requestRouting(tx, 'agent_changed', { kind: 'tickets', ids });
    return ids.length;
  }

  /** A consent whose expiry job was lost: mark it processed and re-route what it covered. */
  private async expiredConsents(tx: Tx, now: Date) {
    const rows = await queryRows<{ id: string }>(
      tx.db,
      `SELECT id FROM consents WHERE revoked_at IS NULL AND expiry_processed_at IS NULL AND expires_at <= $1 LIMIT 100`,
      [now],
    );
    for (const { id } of rows) await tx.stage('expire-consent', { consentId: id });
    return rows.length;
  }

  /** Severity 1 waiting longer than allowed: flag it and tell managers. Never widens who may take it. */
  private async sev1Alarms(tx: Tx, now: Date) {
    const waitingSince = new Date(now.getTime() - this.config.SEV1_ALARM_SECONDS * 1000);
    const raised = await raiseSev1Alarms(tx.db, { at: now, waitingSince });
    for (const r of raised) {
      this.logger.warn({ ticketId: r.id }, 'severity 1 ticket unclaimed past the alarm time');
      await this.events.emit(tx, 'ticket.stranded', now, {
        ticketId: r.id,
        externalId: r.externalId,
        source: r.source,
        status: 'queued',
        reason: 'sev1_unclaimed',
      });
    }
    return raised.length;
  }
}
