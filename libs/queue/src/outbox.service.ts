import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DURABLE_RERELAY_MS, JOBS, JobName, JobPayloads } from './job-catalogue';
import { OutboxRelay, RelayJob, markRelayed } from './outbox-relay';
import { OutboxEntity } from './outbox.entity';
import { QueueService } from './queue.service';

interface OutboxRow {
  id: string;
  queue: string;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  delay_ms: string;
  created_at: Date;
}

/** The outbox row of a job, before it is written: for a caller that writes it in its own statement. */
export function outboxRow<N extends JobName>(name: N, payload: JobPayloads[N], delayMs = 0): RelayJob {
  const def = JOBS[name];
  const jobId = def.jobId?.(payload as never) ?? `${name}-${randomUUID()}`;
  return { queue: def.queue, jobName: name, jobId, payload: payload as never, delayMs };
}

/**
 * Jobs are staged in PostgreSQL inside the caller's transaction and relayed to BullMQ after commit.
 * If Redis is down at that moment the rows stay, and the sweeper relays them later.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly queues: QueueService,
    private readonly relay: OutboxRelay,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async stage<N extends JobName>(manager: EntityManager, name: N, payload: JobPayloads[N], delayMs = 0): Promise<OutboxEntity> {
    return this.stageRow(manager, outboxRow(name, payload, delayMs));
  }

  /** Stages a row built with `outboxRow`. */
  async stageRow(manager: EntityManager, row: RelayJob): Promise<OutboxEntity> {
    return manager.save(OutboxEntity, manager.create(OutboxEntity, row));
  }

  /**
   * After commit: hands the rows to the batching relay and returns at once (the request does not
   * wait for Redis). Never throws; whatever the relay cannot send is relayed by the sweeper.
   */
  async flush(rows: RelayJob[]): Promise<void> {
    this.relay.enqueue(rows);
  }

  /**
   * Relays rows older than `minAgeMs` that were never relayed (their immediate flush failed) and durable
   * jobs still unhandled DURABLE_RERELAY_MS after their last relay (their job may be gone with Redis's
   * data; while BullMQ still holds it, the re-add is a no-op). Returns how many.
   */
  async relayPending(minAgeMs = 2_000, batch = 500): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, job_name, job_id, payload, delay_ms, created_at FROM outbox
          WHERE (relayed_at IS NULL AND created_at < now() - ($1::int * interval '1 millisecond'))
             OR relayed_at < now() - ($3::int * interval '1 millisecond')
          ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [minAgeMs, batch, DURABLE_RERELAY_MS],
      );
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
        manager,
        rows.map((r) => ({ id: r.id, jobName: r.job_name })),
      );
      return rows.length;
    });
  }

  /** A durable job was handled (delivered, or given up after its last attempt): its row goes. */
  async settle(jobName: string, jobId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM outbox WHERE job_id = $1 AND job_name = $2', [jobId, jobName]);
  }
}
