import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, PolicyStore } from '@eea/config';
import { queryRows } from '@eea/database';
import { EventService } from '@eea/outbound';
import { OutboxService, RelayJob, RouteReason } from '@eea/queue';
import { RoutingSelector, recordActivity, routeAgain } from '@eea/tickets';

/**
 * The safety net behind every delayed job and the outbox, run every few seconds by the worker:
 * whatever a lost job or a dead process left undone is picked up here.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger(SweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const counts = await this.inTransaction(async (m, staged) => ({
      // Committed but never routed (a job lost before the outbox existed, or a crash mid-routing).
      unrouted: await this.request(m, staged, 'sweep', {
        kind: 'unrouted',
        before: new Date(now.getTime() - 10_000),
        limit: 1000,
      }),
      deferralsDue: await this.request(m, staged, 'deferral_elapsed', { kind: 'deferral-due', at: now, limit: 1000 }),
      policyChanged: await this.request(m, staged, 'policy_changed', {
        kind: 'policy-outdated',
        version: this.policy.current().version,
        limit: 1000,
      }),
      offlineHeld: await this.takeBackFromOffline(m, staged, graceStart),
      consentsExpired: await this.expiredConsents(m, staged, now),
      sev1Alarms: await this.sev1Alarms(m, staged, now),
    }));
    const total = relayed + Object.values(counts).reduce((a, b) => a + b, 0);
    if (total > 0) this.logger.log({ relayed, ...counts }, 'sweep caught up');
    return { relayed, ...counts };
  }

  private async request(m: import('typeorm').EntityManager, staged: RelayJob[], reason: RouteReason, selector: RoutingSelector) {
    // Bounded per pass so that one sweep never holds locks on the whole table.
    const jobs = await routeAgain(m, reason, selector);
    staged.push(...jobs);
    return jobs.length;
  }

  /** Agents offline for longer than the grace period lose what they hold (backs the per-agent delayed job). */
  private async takeBackFromOffline(m: import('typeorm').EntityManager, staged: RelayJob[], graceStart: Date) {
    // The old assignee comes from the pre-update row (same table joined by id), for the activity log.
    const rows = await queryRows<{ id: string; agent_id: string }>(
      m,
      `UPDATE tickets t SET status = 'queued', assignee_id = NULL, assigned_at = NULL FROM tickets o
        WHERE o.id = t.id AND t.status = 'assigned' AND t.assignee_id IN (SELECT id FROM agents WHERE status = 'offline' AND status_changed_at <= $1)
        RETURNING t.id, o.assignee_id AS agent_id`,
      [graceStart],
    );
    if (rows.length === 0) return 0;
    const at = this.clock.now();
    await recordActivity(
      m,
      rows.map((r) => ({ ticketId: r.id, at, kind: 'taken_back' as const, agentId: r.agent_id, details: { reason: 'offline' } })),
    );
    staged.push(...(await routeAgain(m, 'agent_changed', { kind: 'tickets', ids: rows.map((r) => r.id) })));
    return rows.length;
  }

  /** A consent whose expiry job was lost: mark it processed and re-route what it covered. */
  private async expiredConsents(m: import('typeorm').EntityManager, staged: RelayJob[], now: Date) {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT id FROM consents WHERE revoked_at IS NULL AND expiry_processed_at IS NULL AND expires_at <= $1 LIMIT 100`,
      [now],
    );
    for (const { id } of rows) staged.push(await this.outbox.stage(m, 'expire-consent', { consentId: id }));
    return rows.length;
  }

  /** Severity 1 waiting longer than allowed: flag it and tell managers. Never widens who may take it. */
  private async sev1Alarms(m: import('typeorm').EntityManager, staged: RelayJob[], now: Date) {
    const due = new Date(now.getTime() - this.config.SEV1_ALARM_SECONDS * 1000);
    const rows = await queryRows<{ id: string; external_id: string; source: string }>(
      m,
      `UPDATE tickets SET alarm_raised_at = $1, flags = array_append(flags, 'sev1_unclaimed')
        WHERE status = 'queued' AND severity = 1 AND alarm_raised_at IS NULL AND waiting_since <= $2
        RETURNING id, external_id, source`,
      [now, due],
    );
    for (const r of rows) {
      this.logger.warn({ ticketId: r.id }, 'severity 1 ticket unclaimed past the alarm time');
      staged.push(
        ...(await this.events.stage(m, 'ticket.stranded', now, {
          ticketId: r.id,
          externalId: r.external_id,
          source: r.source,
          status: 'queued',
          reason: 'sev1_unclaimed',
        })),
      );
    }
    return rows.length;
  }

  private async inTransaction<T>(work: (m: import('typeorm').EntityManager, staged: RelayJob[]) => Promise<T>): Promise<T> {
    const staged: RelayJob[] = [];
    const result = await this.dataSource.transaction((m) => work(m, staged));
    await this.outbox.flush(staged);
    return result;
  }
}
