import type { Db } from '@eea/database';
import { outboxRow } from './outbox-row';
import type { JobName, JobPayloads } from './job-catalogue';
import type { RelayJob } from './outbox-relay';
import { stageJobs } from './outbox.repository';

/**
 * A transaction under way, with the jobs it stages: `db` runs its statements, `stage` writes outbox
 * rows in it, and whatever was staged is handed to the relay once it has committed (never before, and
 * never when it rolled back). Made by `OutboxService.inTransaction`; passed down to repositories and to
 * other services that take part in the same change.
 */
export class Tx {
  private readonly jobs: RelayJob[] = [];

  constructor(readonly db: Db) {}

  /** Stages one job in this transaction. */
  async stage<N extends JobName>(name: N, payload: JobPayloads[N], delayMs = 0): Promise<void> {
    await this.stageAll([outboxRow(name, payload, delayMs)]);
  }

  /** Stages several jobs in one statement. */
  async stageAll(jobs: RelayJob[]): Promise<void> {
    this.jobs.push(...(await stageJobs(this.db, jobs)));
  }

  /**
   * A job that a statement wrote itself (through `outboxInsertRows`, with its id) or one that needs no row
   * (a new ticket's first routing: the ticket is its durable record): relayed after commit like the rest.
   */
  track(job: RelayJob): void {
    this.jobs.push(job);
  }

  /** What was staged so far (for the relay, after commit). */
  get staged(): readonly RelayJob[] {
    return this.jobs;
  }
}
