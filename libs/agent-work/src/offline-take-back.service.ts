import { Injectable } from '@nestjs/common';
import { AppConfig } from '@eea/config';
import { OutboxService } from '@eea/queue';
import { requestRouting, takeBackFromOffline } from '@eea/tickets';

/**
 * Agents offline for longer than OFFLINE_GRACE_SECONDS lose what they hold: the safety net behind each
 * agent's delayed `agent-offline-grace` job, run every SWEEP_INTERVAL_MS by the worker.
 */
@Injectable()
export class OfflineTakeBack {
  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /** Returns how many tickets went back to the queue (each routed again). */
  async takeBackDue(now: Date): Promise<number> {
    const offlineSince = new Date(now.getTime() - this.config.OFFLINE_GRACE_SECONDS * 1000);
    return this.outbox.inTransaction(async (tx) => {
      const ids = await takeBackFromOffline(tx.db, { offlineSince, at: now });
      if (ids.length > 0) await requestRouting(tx, 'agent_changed', { kind: 'tickets', ids });
      return ids.length;
    });
  }
}
