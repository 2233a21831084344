import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@eea/config';
import { EventService } from '@eea/outbound';
import { OutboxService } from '@eea/queue';
import { raiseSev1Alarms } from '@eea/tickets';

/**
 * Severity 1 tickets nobody claimed within SEV1_ALARM_SECONDS: flagged once and announced to managers
 * (an event), run every SWEEP_INTERVAL_MS by the worker. Never widens who may take them.
 */
@Injectable()
export class Sev1Alarms {
  private readonly logger = new Logger(Sev1Alarms.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly events: EventService,
    private readonly config: AppConfig,
  ) {}

  /** Returns how many alarms it raised. */
  async raiseDue(now: Date): Promise<number> {
    const waitingSince = new Date(now.getTime() - this.config.SEV1_ALARM_SECONDS * 1000);
    return this.outbox.inTransaction(async (tx) => {
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
    });
  }
}
