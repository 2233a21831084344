import { randomUUID } from 'node:crypto';
import { JOBS, JobName, JobPayloads } from './job-catalogue';
import type { RelayJob } from './outbox-relay';

/** The outbox row of a job, before it is written: its queue, deterministic id (or a random one) and delay. */
export function outboxRow<N extends JobName>(name: N, payload: JobPayloads[N], delayMs = 0): RelayJob {
  const def = JOBS[name];
  const jobId = def.jobId?.(payload as never) ?? `${name}-${randomUUID()}`;
  return { queue: def.queue, jobName: name, jobId, payload: payload as never, delayMs };
}
