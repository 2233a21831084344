import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@eea/config';
import { JobName, QueueService } from '@eea/queue';

/** How often the schedules are re-asserted, in case Redis lost them (restart without persistence). */
const REASSERT_MS = 60_000;

/** The safety nets, each its own job every SWEEP_INTERVAL_MS, so that one failing never holds up the others. */
const SAFETY_NETS: JobName[] = [
  'relay-outbox',
  'route-due',
  'take-back-offline',
  'sev1-alarms',
  'expire-lapsed-consents',
  'expire-consent-requests',
];
/** Schedules of earlier versions, removed when found (their jobs have no handler any more). */
const RETIRED = ['sweep'];

/**
 * Recurring jobs. BullMQ keeps job schedulers in Redis, so a Redis that comes back empty would
 * silently stop the safety nets behind everything else. Upserting is idempotent: every
 * worker does it at start, on every reconnect, and once a minute.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Schedules.name);
  private timer?: NodeJS.Timeout;
  private readonly onReady = () => void this.ensure();

  constructor(
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => void this.ensure(), REASSERT_MS);
    this.timer.unref();
    this.queues.connection.on('ready', this.onReady);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.queues.connection.off('ready', this.onReady);
  }

  async ensure(): Promise<void> {
    const maintenance = this.queues.queue('maintenance');
    try {
      for (const name of SAFETY_NETS)
        await maintenance.upsertJobScheduler(name, { every: this.config.SWEEP_INTERVAL_MS }, { name, data: {} });
      for (const id of RETIRED) await maintenance.removeJobScheduler(id);
      await maintenance.upsertJobScheduler(
        'purge-retention',
        { pattern: '17 3 * * *', tz: 'UTC' },
        { name: 'purge-retention', data: {} },
      );
      await maintenance.upsertJobScheduler(
        'audit-checkpoint',
        { every: this.config.AUDIT_CHECKPOINT_INTERVAL_MS },
        { name: 'audit-checkpoint', data: {} },
      );
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'could not assert job schedules; will retry');
    }
  }
}
