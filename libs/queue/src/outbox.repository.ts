import { Db, run, sql } from '@eea/database';
import { DURABLE_RERELAY_MS, isDurable } from './job-catalogue';
import type { RelayJob } from './outbox-relay';

/** The columns of an outbox row, in the order `STAGE`, `outboxInsert` and `outboxInsertRows` take them. */
const STAGED_COLUMNS = 'queue, job_name, job_id, payload, delay_ms';

const STAGE = sql<{ id: string }>(
  'outbox.stage',
  `
  INSERT INTO outbox (${STAGED_COLUMNS})
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::bigint[])
  RETURNING id`,
);

/** Writes the rows and returns them with their ids, in order. */
export async function stageJobs(db: Db, jobs: RelayJob[]): Promise<Array<RelayJob & { id: string }>> {
  if (jobs.length === 0) return [];
  const rows = await run(db, STAGE, [
    jobs.map((j) => j.queue),
    jobs.map((j) => j.jobName),
    jobs.map((j) => j.jobId),
    jobs.map((j) => JSON.stringify(j.payload)),
    jobs.map((j) => j.delayMs),
  ]);
  return jobs.map((j, i) => ({ ...j, id: String(rows[i].id) }));
}

/**
 * The outbox's insert, for a statement of another table's owner that stages its follow-up job in the
 * same round trip: a CTE named `name` that inserts one row from the five parameters starting at
 * `$first` (queue, job name, job id, payload, delay) when the queue parameter is not null and `when`
 * (a CTE name) returned a row, and returns its `id`.
 */
export function outboxInsert(name: string, first: number, when: string): string {
  const p = (k: number) => `$${first + k}`;
  return `${name} AS (
    INSERT INTO outbox (${STAGED_COLUMNS})
    SELECT ${p(0)}::text, ${p(1)}::text, ${p(2)}::text, ${p(3)}::jsonb, ${p(4)}::bigint FROM ${when} WHERE ${p(0)}::text IS NOT NULL
    RETURNING id
  )`;
}

/**
 * The outbox's insert for many rows of another owner's statement: a CTE named `name` that inserts the
 * rows `select` yields (queue, job name, job id, payload as jsonb, delay as bigint, in that order) and
 * returns each row's `id` and `job_id`, by which the statement matches it to its own row.
 */
export function outboxInsertRows(name: string, select: string): string {
  return `${name} AS (
    INSERT INTO outbox (${STAGED_COLUMNS})
    ${select}
    RETURNING id, job_id
  )`;
}

export interface PendingRow {
  id: string;
  queue: string;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  delay_ms: string;
  created_at: Date;
}

const PENDING = sql<PendingRow>(
  'outbox.pending',
  `
  SELECT id, queue, job_name, job_id, payload, delay_ms, created_at FROM outbox
   WHERE (relayed_at IS NULL AND created_at < now() - ($1::int * interval '1 millisecond'))
      OR relayed_at < now() - ($3::int * interval '1 millisecond')
   ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
);

/** Rows never relayed after `minAgeMs`, and durable rows still unhandled long after their last relay; locked. */
export function pendingJobs(db: Db, minAgeMs: number, limit: number): Promise<PendingRow[]> {
  return run(db, PENDING, [minAgeMs, limit, DURABLE_RERELAY_MS]);
}

const DELETE = sql('outbox.delete', `DELETE FROM outbox WHERE id = ANY($1::bigint[])`);
const MARK_RELAYED = sql('outbox.mark_relayed', `UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`);
const SETTLE = sql('outbox.settle', `DELETE FROM outbox WHERE job_id = $1 AND job_name = $2`);
const RELAX_COMMIT = sql('outbox.relax_commit', `SELECT set_config('synchronous_commit', 'off', true)`);

/**
 * After the jobs were added to BullMQ: their rows are deleted, except those of durable jobs, which are
 * stamped and kept until their handler settles them.
 */
export async function markRelayed(db: Db, rows: Array<{ id: string; jobName: string }>): Promise<void> {
  const sent = rows.filter((r) => !isDurable(r.jobName)).map((r) => r.id);
  const kept = rows.filter((r) => isDurable(r.jobName)).map((r) => r.id);
  if (sent.length > 0) await run(db, DELETE, [sent]);
  if (kept.length > 0) await run(db, MARK_RELAYED, [kept]);
}

export async function settleJob(db: Db, jobName: string, jobId: string): Promise<void> {
  await run(db, SETTLE, [jobId, jobName]);
}

/** This transaction commits without waiting for the WAL flush (for writes a crash may safely lose). */
export async function relaxCommit(db: Db): Promise<void> {
  await run(db, RELAX_COMMIT);
}
