import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OutboxEntity } from './outbox.entity';
import { markRelayed, relaxCommit } from './outbox.repository';
import { QueueService } from './queue.service';

/**
 * A committed job to send: an outbox row (`id` set: the row is deleted once sent, or kept until handled
 * for a durable job) or a job whose durable
 * record is the ticket itself (a new ticket stays `received` until routed, and the sweeper requests
 * routing again for any that stay so), which needs no row.
 */
export type RelayJob = Pick<OutboxEntity, 'queue' | 'jobName' | 'jobId' | 'payload' | 'delayMs'> & { id?: string };

/**
 * How long committed jobs wait to be sent together (at 500 deliveries/s about five to a Redis round
 * trip, for at most 10 ms more routing latency), and how many go in one batch.
 */
const BATCH_WINDOW_MS = 10;
const BATCH_SIZE = 500;

/**
 * Sends committed outbox rows to BullMQ off the request path, in batches: one Redis round trip and
 * one DELETE for many jobs instead of both per request. The rows are already durable, so a batch
 * that fails (Redis down) or a process that dies just leaves them for the sweeper to relay.
 */
@Injectable()
export class OutboxRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private pending: RelayJob[] = [];
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;

  constructor(
    private readonly queues: QueueService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  enqueue(rows: RelayJob[]): void {
    if (rows.length === 0) return;
    this.pending.push(...rows);
    this.schedule();
  }

  /** Resolves once everything enqueued so far has been sent (or left for the sweeper). */
  async drain(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.draining || this.pending.length > 0) {
      if (this.draining) await this.draining;
      else await this.sendNextBatch();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private schedule(): void {
    if (this.timer || this.draining) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sendNextBatch();
    }, BATCH_WINDOW_MS);
  }

  private async sendNextBatch(): Promise<void> {
    const batch = this.pending.splice(0, BATCH_SIZE);
    if (batch.length === 0) return;
    this.draining = this.send(batch);
    await this.draining;
    this.draining = undefined;
    if (this.pending.length > 0) this.schedule();
  }

  private async send(batch: RelayJob[]): Promise<void> {
    try {
      await this.queues.addStagedBulk(batch);
      const rows = batch.filter((r): r is RelayJob & { id: string } => r.id !== undefined);
      if (rows.length === 0) return;
      await this.dataSource.transaction(async (db) => {
        // A delete lost in a database crash only means the sweeper relays the jobs again (same job
        // ids, idempotent handlers), so this commit need not wait for the WAL flush.
        await relaxCommit(db);
        await markRelayed(db, rows);
      });
    } catch (e) {
      this.logger.warn({ err: (e as Error).message, jobs: batch.length }, 'outbox relay deferred to sweeper');
    }
  }
}
