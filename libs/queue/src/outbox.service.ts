import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { Db } from '@eea/database';
import { OutboxRelay, RelayJob } from './outbox-relay';
import { markRelayed, pendingJobs, settleJob } from './outbox.repository';
import { QueueService } from './queue.service';
import { Tx } from './transaction';

/**
 * The one way to change state together with the jobs and events that follow from it: `inTransaction`
 * runs the work in a database transaction, the work stages its jobs on the `Tx` (outbox rows, written
 * in that transaction), and after commit they go to BullMQ through the batching relay. If Redis is
 * down at that moment the rows stay, and the sweeper relays them later.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly queues: QueueService,
    private readonly relay: OutboxRelay,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Statements outside any transaction (each commits on its own). */
  get db(): Db {
    return this.dataSource.manager;
  }

  /**
   * Runs `work` in a transaction and relays what it staged once committed. The relay is handed the
   * jobs and the call returns at once (the caller does not wait for Redis); it never throws for them:
   * whatever the relay cannot send, the sweeper relays.
   */
  async inTransaction<T>(work: (tx: Tx) => Promise<T>, options: { isolation?: IsolationLevel } = {}): Promise<T> {
    let tx!: Tx;
    const run = (db: Db) => work((tx = new Tx(db)));
    const result = options.isolation
      ? await this.dataSource.transaction(options.isolation, run)
      : await this.dataSource.transaction(run);
    this.relay.enqueue([...tx.staged]);
    return result;
  }

  /**
   * Relays jobs of a change committed outside `inTransaction`: one whose job needs no outbox row because
   * the committed row is its durable record (a new ticket stays `received` until routed, and the sweep
   * duty requests routing again for any that stay so).
   */
  relayCommitted(jobs: RelayJob[]): void {
    this.relay.enqueue(jobs);
  }

  /**
   * Relays rows older than `minAgeMs` that were never relayed (their immediate flush failed) and durable
   * jobs still unhandled DURABLE_RERELAY_MS after their last relay (their job may be gone with Redis's
   * data; while BullMQ still holds it, the re-add is a no-op). Returns how many.
   */
  async relayPending(minAgeMs = 2_000, batch = 500): Promise<number> {
    return this.dataSource.transaction(async (db) => {
      const rows = await pendingJobs(db, minAgeMs, batch);
      // A delayed job keeps its original due time.
      await this.queues.addStagedBulk(
        rows.map((r) => ({
          queue: r.queue,
          jobName: r.job_name,
          jobId: r.job_id,
          payload: r.payload,
          delayMs: Math.max(0, new Date(r.created_at).getTime() + Number(r.delay_ms) - Date.now()),
        })),
      );
      await markRelayed(
        db,
        rows.map((r) => ({ id: r.id, jobName: r.job_name })),
      );
      return rows.length;
    });
  }

  /** A durable job was handled (delivered, or given up after its last attempt): its row goes. */
  async settle(jobName: string, jobId: string): Promise<void> {
    await settleJob(this.dataSource.manager, jobName, jobId);
  }
}
