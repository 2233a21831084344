import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { JOBS, JobName, JobPayloads } from './job-catalogue';
import { OutboxEntity } from './outbox.entity';
import { QueueService } from './queue.service';

export type StagedJobs = OutboxEntity[];

interface OutboxRow {
  id: string; queue: string; job_name: string; job_id: string; payload: unknown; delay_ms: string; created_at: Date;
}

/**
 * Jobs are staged in PostgreSQL inside the caller's transaction and relayed to BullMQ after commit.
 * If Redis is down at that moment the rows stay, and the sweeper relays them later.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly queues: QueueService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async stage<N extends JobName>(manager: EntityManager, name: N, payload: JobPayloads[N], delayMs = 0): Promise<OutboxEntity> {
    const def = JOBS[name];
    const jobId = def.jobId?.(payload as never) ?? `${name}-${randomUUID()}`;
    const row = manager.create(OutboxEntity, { queue: def.queue, jobName: name, jobId, payload: payload as never, delayMs });
    return manager.save(OutboxEntity, row);
  }

  /** After commit: best effort, never throws; whatever is left is relayed by the sweeper. */
  async flush(rows: StagedJobs): Promise<void> {
    if (rows.length === 0) return;
    try {
      for (const row of rows) await this.queues.addStaged(row.queue as never, row.jobName, row.payload, row.jobId, row.delayMs);
      await this.dataSource.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
    } catch (e) {
      this.logger.warn({ err: (e as Error).message, jobs: rows.length }, 'outbox relay deferred to sweeper');
    }
  }

  /** Relays rows older than `minAgeMs` (those whose immediate flush failed). Returns how many. */
  async relayPending(minAgeMs = 2_000, batch = 500): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, job_name, job_id, payload, delay_ms, created_at FROM outbox
          WHERE created_at < now() - ($1::int * interval '1 millisecond')
          ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [minAgeMs, batch],
      );
      for (const r of rows) {
        // A delayed job keeps its original due time.
        const remaining = Math.max(0, new Date(r.created_at).getTime() + Number(r.delay_ms) - Date.now());
        await this.queues.addStaged(r.queue as never, r.job_name, r.payload, r.job_id, remaining);
      }
      if (rows.length) await manager.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
