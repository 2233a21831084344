import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '@eea/config';
import { JOBS, JobName, JobPayloads, QUEUE_NAMES, QueueName, jobOptions } from './job-catalogue';
import type { OutboxEntity } from './outbox.entity';
import { createRedis } from './redis-connection';

/** Producer side of every queue. Consumers live in the worker app. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  readonly connection: Redis;
  private readonly queues: Record<QueueName, Queue>;

  constructor(private readonly config: AppConfig) {
    this.connection = createRedis(config.REDIS_URL, 'producer');
    this.connection.on('error', (e: Error) => this.logger.warn({ err: e.message }, 'redis producer connection error'));
    this.queues = Object.fromEntries(
      QUEUE_NAMES.map((name) => [name, new Queue(name, { connection: this.connection, prefix: config.QUEUE_PREFIX })]),
    ) as Record<QueueName, Queue>;
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], delayMs = 0): Promise<void> {
    await this.queues[JOBS[name].queue].add(name, payload, jobOptions(name, payload, delayMs));
  }

  /** Adds jobs as staged in the outbox (typed when staged), one Redis round trip per queue. */
  async addStagedBulk(rows: Array<Pick<OutboxEntity, 'queue' | 'jobName' | 'jobId' | 'payload' | 'delayMs'>>): Promise<void> {
    const byQueue = new Map<QueueName, Array<{ name: string; data: unknown; opts: JobsOptions }>>();
    for (const row of rows) {
      const def = JOBS[row.jobName as JobName];
      const opts: JobsOptions = { ...def.options, jobId: row.jobId, ...(row.delayMs > 0 ? { delay: row.delayMs } : {}) };
      const list = byQueue.get(row.queue as QueueName) ?? [];
      list.push({ name: row.jobName, data: row.payload, opts });
      byQueue.set(row.queue as QueueName, list);
    }
    for (const [queue, jobs] of byQueue) await this.queues[queue].addBulk(jobs);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(Object.values(this.queues).map((q) => q.close()));
    this.connection.disconnect();
  }
}
