import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@eea/config';
import { QueueService } from '@eea/queue';

/** Recurring jobs (BullMQ job schedulers: idempotent, so every worker may upsert them). */
@Injectable()
export class Schedules implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueService, private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const maintenance = this.queues.queue('maintenance');
    await maintenance.upsertJobScheduler('sweep', { every: this.config.SWEEP_INTERVAL_MS }, { name: 'sweep', data: {} });
    await maintenance.upsertJobScheduler('purge-retention', { pattern: '17 3 * * *', tz: 'UTC' }, { name: 'purge-retention', data: {} });
  }
}
