import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '@eea/config';
import { JOBS, JobName, JobPayloads, QUEUE_NAMES, QueueName, jobOptions } from './job-catalogue';
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

  /** Adds a raw job as staged in the outbox (name and payload were typed when staged). */
  async addStaged(queue: QueueName, name: string, payload: unknown, jobId: string, delayMs: number): Promise<void> {
    const def = JOBS[name as JobName];
    await this.queues[queue].add(name, payload, { ...def.options, jobId, ...(delayMs > 0 ? { delay: delayMs } : {}) });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(Object.values(this.queues).map((q) => q.close()));
    this.connection.disconnect();
  }
}
