/**
 * End to end: signed webhook in → ticket `queued` (claimable), for K tickets sent by concurrent
 * clients; against bare BullMQ (Queue.add → Worker doing one UPDATE) with the same Redis and concurrency.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Client, Pool } from 'pg';
import { deliver, ticketCreated } from '../scripts/support/webhook';
import { sleep } from '../scripts/support/service';
import { percentile, pool, round } from './stats';

export interface E2eResult {
  sent: number;
  acked: number;
  routed: number;
  queued: number;
  lost: number;
  duplicates: number;
  ticketsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  baselineJobsPerSec: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  ratio: number;
}

/** Routing concurrency of the worker's `routing` queue, mirrored by the baseline. */
export const ROUTING_CONCURRENCY = 16;
const REGIONS = ['eu-west-1', 'eu-central-1', 'eu-south-1', 'us-east-1', 'ap-south-1', 'sa-east-1'];

export async function measureE2e(
  url: string,
  secret: string,
  db: Client,
  opts: { tickets: number; concurrency: number; deadlineMs: number },
) {
  const tag = `e2e-${Date.now().toString(36)}`;
  const sentAt = new Map<string, number>();
  const acked = new Set<string>();
  const ids = Array.from({ length: opts.tickets }, (_, i) => `${tag}-${i}`);
  const started = Date.now();
  await pool(ids, opts.concurrency, async (externalId, i) => {
    // Standard tier: every severity is 24x7, so each ticket must end `queued` whatever the time of day.
    const body = ticketCreated({
      externalId,
      organizationId: 'bench-std',
      region: REGIONS[i % REGIONS.length],
      severity: ((i % 4) + 1) as 1,
    });
    sentAt.set(externalId, Date.now());
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await deliver(url, secret, body);
      if (res.status >= 200 && res.status < 300) {
        acked.add(externalId);
        return;
      }
      if (res.status !== 503 && res.status !== 0) return;
      await sleep(100);
    }
  });
  const deadline = Date.now() + opts.deadlineMs;
  while (Date.now() < deadline) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE external_id LIKE $1 AND status = 'received'`, [
      `${tag}-%`,
    ]);
    if (rows[0].n === 0) break;
    await sleep(100);
  }
  const { rows } = await db.query<{ external_id: string; status: string; first_at: Date | null; n: number }>(
    `SELECT t.external_id, t.status, min(d.at) AS first_at, count(*) OVER (PARTITION BY t.external_id)::int AS n
       FROM tickets t LEFT JOIN decisions d ON d.ticket_id = t.id
      WHERE t.external_id LIKE $1 GROUP BY t.id, t.external_id, t.status`,
    [`${tag}-%`],
  );
  const routedRows = rows.filter((r) => r.first_at && r.status !== 'received');
  const latencies = routedRows.map((r) => r.first_at!.getTime() - sentAt.get(r.external_id)!);
  const lastAt = Math.max(...routedRows.map((r) => r.first_at!.getTime()));
  const routedIds = new Set(routedRows.map((r) => r.external_id));
  return {
    sent: opts.tickets,
    acked: acked.size,
    routed: routedRows.length,
    queued: rows.filter((r) => r.status === 'queued').length,
    lost: [...acked].filter((id) => !routedIds.has(id)).length,
    duplicates: rows.filter((r) => r.n > 1).length,
    ticketsPerSec: round(routedRows.length / ((lastAt - started) / 1000), 0),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** The floor: the same number of jobs through bare BullMQ, each doing one UPDATE of a row. */
export async function measureBaseline(
  redisUrl: string,
  prefix: string,
  db: Client,
  databaseUrl: string,
  opts: { jobs: number; concurrency: number },
) {
  await db.query(
    'DROP TABLE IF EXISTS bench_baseline; CREATE TABLE bench_baseline (id int PRIMARY KEY, n int NOT NULL DEFAULT 0, touched_at timestamptz)',
  );
  await db.query('INSERT INTO bench_baseline (id) SELECT generate_series(1, $1)', [opts.jobs]);
  const pg = new Pool({ connectionString: databaseUrl, max: ROUTING_CONCURRENCY });
  const producer = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const consumer = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('baseline', { connection: producer, prefix });
  const addedAt = new Map<number, number>();
  const latencies: number[] = [];
  let lastDone = 0;
  const worker = new Worker(
    'baseline',
    async (job) => {
      await pg.query('UPDATE bench_baseline SET n = n + 1, touched_at = now() WHERE id = $1', [job.data.id]);
    },
    { connection: consumer, prefix, concurrency: ROUTING_CONCURRENCY },
  );
  const done = new Promise<void>((resolve) =>
    worker.on('completed', (job) => {
      lastDone = Date.now();
      latencies.push(lastDone - addedAt.get(job.data.id)!);
      if (latencies.length === opts.jobs) resolve();
    }),
  );
  const started = Date.now();
  const ids = Array.from({ length: opts.jobs }, (_, i) => i + 1);
  await pool(ids, opts.concurrency, async (id) => {
    addedAt.set(id, Date.now());
    await queue.add('touch', { id }, { removeOnComplete: true, attempts: 8, backoff: { type: 'exponential', delay: 200 } });
  });
  await Promise.race([done, sleep(120_000)]);
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await pg.end();
  producer.disconnect();
  consumer.disconnect();
  return {
    jobsPerSec: round(latencies.length / ((lastDone - started) / 1000), 0),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
