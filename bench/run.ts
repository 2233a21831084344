/**
 * `npm run bench [-- --quick]`: starts the real API and worker as child processes on their own
 * database (eea_router_bench, recreated each run) and queue prefix (eea-bench), measures each
 * figure next to its baseline in the same run, prints a table with PASS/FAIL per target and
 * writes JSON to BENCH_OUT (default bench-results.json).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { clearRedisPrefix, connect, recreateDatabase } from '../scripts/support/db';
import { ApiClient } from '../scripts/support/http';
import { PG_BASE, Service, sleep } from '../scripts/support/service';
import { runClaims } from './claim.phase';
import { ROUTING_CONCURRENCY, measureBaseline, measureE2e } from './e2e.bench';
import { measureIngest } from './ingest.bench';
import { runPolicyBench } from './policy.bench';
import { costProbe } from './cost';
import { profilePhase } from './probe';
import { passes, profiles, table, targetLines, verdicts } from './report';

const quick = process.argv.includes('--quick');
/** `--ingest-only`: just the ingest phases and their profiles (for working on intake); no targets judged. */
const ingestOnly = process.argv.includes('--ingest-only');
/** `--claims-only`: just the claim phases (seed, paced, closed loop) and their checks and profiles; no targets judged. */
const claimsOnly = process.argv.includes('--claims-only');
const P = quick
  ? { ingestSeconds: 8, e2eTickets: 2_000, claimSeconds: 10, pacedSeconds: 10, tickets: 100_000, agents: 200 }
  : { ingestSeconds: 30, e2eTickets: 10_000, claimSeconds: 30, pacedSeconds: 30, tickets: 100_000, agents: 200 };
/** `BENCH_DATABASE`, `BENCH_QUEUE_PREFIX`, `BENCH_PORT` (API; worker +1, bare server +2): for two runs side by side on one machine. */
const DATABASE = process.env.BENCH_DATABASE ?? 'eea_router_bench';
const PREFIX = process.env.BENCH_QUEUE_PREFIX ?? 'eea-bench';
const PORT = Number(process.env.BENCH_PORT ?? 3100);
const SECRET = 'bench-webhook-secret-0123456789';
const ADMIN = 'bench-admin-token-0123456789abcdef';
const PORTS = { api: PORT, worker: PORT + 1, bare: PORT + 2 };
const log = (s: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}`);

/** Waits until the worker has routed every stored ticket (nothing left `received`). */
async function drain(db: Client, timeoutMs = 180_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE status = 'received'`);
    if (rows[0].n === 0) return Math.round((Date.now() - started) / 100) / 10;
    await sleep(250);
  }
  throw new Error('routing backlog did not drain');
}

/**
 * Autovacuum and the checkpointer catching up with the previous phase's writes (the bare server's
 * flat-out run writes tens of thousands of rows) would otherwise land inside the next measured phase.
 */
async function settle(db: Client): Promise<void> {
  await db.query('VACUUM (ANALYZE)');
  if (process.env.BENCH_CHECKPOINT) await db.query('CHECKPOINT');
}

async function startBare(): Promise<{ pid?: number; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'bare-ingest-server.js'), String(PORTS.bare), `${PG_BASE}/${DATABASE}`, '20'],
    { stdio: 'inherit' },
  );
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`http://127.0.0.1:${PORTS.bare}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { pid: child.pid, stop: () => child.kill('SIGTERM') };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('bare baseline server did not start');
}

async function main(): Promise<number> {
  log(`mode ${quick ? 'quick' : 'full'}${claimsOnly ? ', claims only' : ': policy engine vs json-rules-engine'}`);
  const policy = claimsOnly ? null : await runPolicyBench({ quick });
  await recreateDatabase(DATABASE);
  await clearRedisPrefix(PREFIX);
  const service = new Service({
    database: DATABASE,
    queuePrefix: PREFIX,
    apiPort: PORTS.api,
    workerPort: PORTS.worker,
    adminToken: ADMIN,
    webhookSecret: SECRET,
    // The seeded backlog is up to a day old: keep the sev 1 alarm sweep from rewriting it mid-measurement.
    extraEnv: { SEV1_ALARM_SECONDS: '864000' },
  });
  await service.start();
  const db = await connect(DATABASE);
  const admin = new ApiClient(service.url, ADMIN);
  try {
    await admin.expect([200], 'PUT', '/v1/organizations/bench-std', { name: 'Bench standard', supportTier: 'standard' });
    await admin.expect([200], 'PUT', '/v1/organizations/bench-eea', { name: 'Bench EEA-only', supportTier: 'eea_only' });
    // The tickets table's shape as intake writes it (explicit: later migrations add columns filled by triggers).
    await db.query(`CREATE TABLE bench_bare_tickets (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), source text NOT NULL,
      external_id text NOT NULL, organization_id text NOT NULL, region text, jurisdiction text NOT NULL, tier text NOT NULL,
      severity smallint NOT NULL, status text NOT NULL, skills text[] NOT NULL DEFAULT '{}', flags text[] NOT NULL DEFAULT '{}',
      source_updated_at timestamptz NOT NULL, waiting_since timestamptz NOT NULL DEFAULT now(), revision integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE (source, external_id))`);

    const probeDb = await connect(DATABASE);
    const profile = (pids: Record<string, number | undefined>) => () => profilePhase(pids, probeDb, DATABASE);
    const claims = () =>
      runClaims(admin, db, {
        port: PORTS.api,
        tickets: P.tickets,
        agents: P.agents,
        pacedSeconds: P.pacedSeconds,
        closedSeconds: P.claimSeconds,
        profile: profile({ api: service.api.pid, worker: service.worker.pid }),
        log,
      });
    if (claimsOnly) {
      const claim = await claims();
      await probeDb.end();
      const { paced, slow, saturated, ...summary } = claim;
      console.log(
        JSON.stringify(
          { ...summary, slow: { p50Ms: slow.p50Ms, p99Ms: slow.p99Ms }, saturated: { ...saturated, profile: undefined } },
          null,
          2,
        ),
      );
      console.log(profiles({ claim }, { claimsOnly: true }));
      return claim.doubleClaims + claim.doubleClaimsInDb + claim.violations + claim.overCapacity + claim.assignmentMismatch > 0
        ? 1
        : 0;
    }
    log(
      `ingest: ${P.ingestSeconds}s open loop at 500 req/s (uniformly paced), ${P.ingestSeconds}s flat out (autocannon); ours and bare Fastify`,
    );
    const bare = await startBare();
    const ingest = await measureIngest(service.url, `http://127.0.0.1:${PORTS.bare}`, SECRET, {
      seconds: P.ingestSeconds,
      rate: 500,
      warmupSeconds: 10,
      drain: () => drain(db),
      settle: () => settle(db),
      profile: profile({ api: service.api.pid, worker: service.worker.pid, bare: bare.pid }),
      cost: () => costProbe({ api: service.api.pid, worker: service.worker.pid }, probeDb, DATABASE),
    }).finally(bare.stop);
    const drainSeconds = await drain(db);
    if (ingestOnly) {
      await probeDb.end();
      const { fixed, bareFixed } = ingest;
      console.log(
        JSON.stringify(
          {
            fixed: { ...fixed, p99BySecondMs: fixed.p99BySecondMs.join(' ') },
            bare: { p50Ms: bareFixed.p50Ms, p99Ms: bareFixed.p99Ms },
            maxPerSec: ingest.max.perSec,
            bareMaxPerSec: ingest.bareMax.perSec,
            ratio: ingest.ratio,
            drainSeconds,
            cost: ingest.cost,
            apiRssMb: service.api.peakRssMb(),
            workerRssMb: service.worker.peakRssMb(),
          },
          null,
          2,
        ),
      );
      console.log(
        profiles(
          {
            ingest: {
              ...ingest.fixed,
              rate: ingest.rate,
              p99BySecondMs: fixed.p99BySecondMs,
              bareP99BySecondMs: bareFixed.p99BySecondMs,
              cpu: ingest.profile,
              bareCpu: ingest.bareProfile,
            },
          },
          { ingestOnly: true },
        ),
      );
      return 0;
    }

    log(`e2e: ${P.e2eTickets} tickets webhook → queued, then bare BullMQ`);
    const e2e = await measureE2e(service.url, SECRET, db, { tickets: P.e2eTickets, concurrency: 32, deadlineMs: 120_000 });
    const base = await measureBaseline('redis://127.0.0.1:6379', PREFIX, db, `${PG_BASE}/${DATABASE}`, {
      jobs: P.e2eTickets,
      concurrency: 32,
    });

    const claim = await claims();
    await probeDb.end();

    const { fixed, bareFixed } = ingest;
    const result = {
      mode: quick ? 'quick' : 'full',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      policy,
      ingest: {
        rate: ingest.rate,
        seconds: ingest.seconds,
        measured: `open loop: one request every ${1000 / ingest.rate} ms on absolute deadlines, keep-alive node:http agent (256 sockets), latency from the scheduled send time`,
        achievedPerSec: fixed.perSec,
        p50Ms: fixed.p50Ms,
        p99Ms: fixed.p99Ms,
        maxMs: fixed.maxMs,
        ok: fixed.ok,
        non2xx: fixed.non2xx,
        errors: fixed.errors,
        sendLagP99Ms: fixed.sendLagP99Ms,
        loadgenCores: fixed.loadgenCores,
        p99BySecondMs: fixed.p99BySecondMs,
        bareP99BySecondMs: bareFixed.p99BySecondMs,
        maxPerSec: ingest.max.perSec,
        maxNon2xx: ingest.max.non2xx,
        maxErrors: ingest.max.errors,
        bareAchievedPerSec: bareFixed.perSec,
        bareP50Ms: bareFixed.p50Ms,
        bareP99Ms: bareFixed.p99Ms,
        bareMaxMs: bareFixed.maxMs,
        bareMaxPerSec: ingest.bareMax.perSec,
        bareNon2xx: bareFixed.non2xx + bareFixed.errors + ingest.bareMax.non2xx,
        ratio: ingest.ratio,
        drainSeconds,
        cpu: ingest.profile,
        bareCpu: ingest.bareProfile,
      },
      e2e: {
        ...e2e,
        concurrency: ROUTING_CONCURRENCY,
        baselineJobsPerSec: base.jobsPerSec,
        baselineP50Ms: base.p50Ms,
        baselineP99Ms: base.p99Ms,
        ratio: Math.round((e2e.ticketsPerSec / Math.max(1, base.jobsPerSec)) * 100) / 100,
      },
      claim,
      memory: { apiRssMb: service.api.peakRssMb(), workerRssMb: service.worker.peakRssMb() },
      cost: ingest.cost,
    };
    const targets = verdicts(result);
    const out = process.env.BENCH_OUT ?? 'bench-results.json';
    writeFileSync(out, JSON.stringify({ ...result, targets: targets.map((t) => ({ ...t, pass: passes(t) })) }, null, 2));
    console.log(`\n${table(result)}\n\n${targetLines(targets)}\n`);
    console.log(profiles(result));
    console.log(`\nresults written to ${out}`);
    return targets.some((t) => t.correctness && !passes(t)) || claim.overCapacity > 0 || claim.assignmentMismatch > 0 ? 1 : 0;
  } finally {
    await db.end();
    await service.stop();
    await clearRedisPrefix(PREFIX);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
