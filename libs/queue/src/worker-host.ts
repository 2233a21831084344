import { Injectable, Logger, OnApplicationShutdown, OnApplicationBootstrap, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '@eea/config';
import { JOBS, JobName, JobPayloads, QUEUE_NAMES, QueueName, isDurable } from './job-catalogue';
import { OutboxService } from './outbox.service';
import { createRedis } from './redis-connection';

const ON_JOB = 'eea:on-job';

/** Marks a method as the handler of one job name. Exactly one handler per job must exist. */
export const OnJob = (name: JobName) => SetMetadata(ON_JOB, name);

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<unknown>;

const CONCURRENCY: Record<QueueName, number> = { routing: 16, maintenance: 4, outbound: 8 };

/**
 * Finds every @OnJob handler at start-up, refuses to start if a job has none (or two), and runs one
 * BullMQ Worker per queue. On shutdown the workers finish their active jobs before closing.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];
  private connection?: Redis;
  private handlers = new Map<JobName, (payload: unknown, job: Job) => Promise<unknown>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    this.handlers = this.discoverHandlers();
    const missing = (Object.keys(JOBS) as JobName[]).filter((name) => !this.handlers.has(name));
    if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
    this.connection = createRedis(this.config.REDIS_URL, 'worker');
    for (const queue of QUEUE_NAMES) this.workers.push(this.startWorker(queue));
  }

  private discoverHandlers() {
    const found = new Map<JobName, (payload: unknown, job: Job) => Promise<unknown>>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const name = this.reflector.get<JobName | undefined>(ON_JOB, instance[method] as () => unknown);
        if (!name) continue;
        if (found.has(name)) throw new Error(`Two handlers for job ${name}`);
        found.set(name, (instance[method] as (p: unknown, j: Job) => Promise<unknown>).bind(instance));
      }
    }
    return found;
  }

  private startWorker(queue: QueueName): Worker {
    const worker = new Worker(
      queue,
      async (job) => {
        const handler = this.handlers.get(job.name as JobName);
        if (!handler) throw new Error(`unknown job name ${job.name}`);
        const result = await handler(job.data, job);
        // Inside the job: if the row cannot be removed, the job fails and runs again (at least once).
        if (isDurable(job.name)) await this.outbox.settle(job.name, job.id!);
        return result;
      },
      { connection: this.connection!, prefix: this.config.QUEUE_PREFIX, concurrency: CONCURRENCY[queue] },
    );
    worker.on('failed', (job, err) => {
      this.logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed');
      if (job?.id && isDurable(job.name) && (err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1))) {
        // Given up: BullMQ keeps the failed job for inspection; relaying it again would only fail again.
        this.outbox
          .settle(job.name, job.id)
          .catch((e: Error) => this.logger.warn({ queue, jobId: job.id, err: e.message }, 'outbox settle failed'));
      }
    });
    worker.on('error', (err) => this.logger.warn({ queue, err: err.message }, 'worker error'));
    return worker;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
    this.connection?.disconnect();
  }
}
