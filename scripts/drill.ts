/**
 * `npm run drill`: reliability drills against real processes (API and worker apart), on their own
 * database (eea_router_drill), queue prefix (eea-drill) and a private redis-server on port 6390.
 * Each drill disrupts the service while webhooks keep coming and agents keep claiming, then checks
 * that every acknowledged ticket was stored and routed exactly once and nothing was assigned twice.
 * Drill (e) tampers with the audit log and checks that `audit:verify` reports it (`npm run drill -- e`).
 */
import { connect, dropDatabase, maintenanceQuery, recreateDatabase } from './support/db';
import { ApiClient, setUpAgent } from './support/http';
import { PrivateRedis } from '../test/support/private-redis';
import { Service, serviceEnv, sleep } from './support/service';
import { Claimers } from './drills/claimers';
import { TicketFlow } from './drills/flow';
import { tamperDrill } from './drills/tamper';
import { Verdict, verify } from './drills/verify';

const DATABASE = 'eea_router_drill';
const SECRET = 'drill-webhook-secret-0123456789';
const ADMIN = 'drill-admin-token-0123456789abcdef';
const redis = new PrivateRedis(6390);
const settings = {
  database: DATABASE,
  queuePrefix: 'eea-drill',
  apiPort: 3200,
  workerPort: 3201,
  redisUrl: redis.url,
  adminToken: ADMIN,
  webhookSecret: SECRET,
  // A short sweep interval so the safety net acts within the drill's deadline; checkpoints every 2 s for the tamper drill.
  extraEnv: { SWEEP_INTERVAL_MS: '1000', AUDIT_CHECKPOINT_INTERVAL_MS: '2000' },
};
const service = new Service(settings);
const say = (s: string) => console.log(`  ${new Date().toISOString().slice(11, 23)}  ${s}`);

async function unrouted(): Promise<number> {
  const db = await connect(DATABASE);
  try {
    return (await db.query(`SELECT count(*)::int AS n FROM tickets WHERE status = 'received'`)).rows[0].n;
  } finally {
    await db.end();
  }
}

type Drill = (flow: TicketFlow) => Promise<void>;

const drills: [string, string, number, Drill][] = [
  [
    'a',
    'kill -9 the worker mid-flow, then start it again',
    40,
    async () => {
      say(`kill -9 worker (pid ${service.worker.pid})`);
      await service.worker.stop('SIGKILL');
      await sleep(4_000);
      say(`${await unrouted()} acknowledged tickets waiting unrouted while the worker is down`);
      await service.worker.start();
      say(`worker started again (pid ${service.worker.pid})`);
    },
  ],
  [
    'b',
    'kill the Redis server (all queued jobs lost: no persistence), then start it again',
    40,
    async () => {
      say('kill -9 redis-server :6390');
      await redis.stop();
      await sleep(5_000);
      say(`${await unrouted()} acknowledged tickets waiting unrouted while Redis is down`);
      await redis.start();
      say('redis-server :6390 started again, empty');
      await Promise.all([service.api.waitReady(), service.worker.waitReady()]);
      say('API and worker ready again');
    },
  ],
  [
    'c',
    'PostgreSQL unreachable for 6s (connections refused and cut), then back',
    40,
    async () => {
      say(`ALTER DATABASE ${DATABASE} ALLOW_CONNECTIONS false; pg_terminate_backend(...)`);
      await maintenanceQuery(`ALTER DATABASE ${DATABASE} ALLOW_CONNECTIONS false`);
      await maintenanceQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [DATABASE]);
      await sleep(6_000);
      await maintenanceQuery(`ALTER DATABASE ${DATABASE} ALLOW_CONNECTIONS true`);
      say('connections allowed again');
      await service.api.waitReady();
      say('API ready again');
    },
  ],
  [
    'd',
    'SIGTERM the API under load, then start it again',
    60,
    async (flow) => {
      const at = Date.now();
      say(`SIGTERM api (pid ${service.api.pid})`);
      const code = await service.api.stop('SIGTERM');
      const inFlight = flow.attempts.filter((a) => a.at < at && a.at + a.ms > at);
      const cut = inFlight.filter((a) => a.status === 0).length;
      say(
        `api exited (${code === 128 ? 'SIGTERM re-raised by Nest after closing' : `code ${code}`}) after ${Date.now() - at} ms; ${inFlight.length} requests were in flight, ` +
          `${inFlight.length - cut} answered (${inFlight.filter((a) => a.status >= 200 && a.status < 300).length} 2xx), ${cut} cut off`,
      );
      if (process.argv.includes('--verbose')) console.log(service.api.logs());
      await service.api.start();
      say(`api started again (pid ${service.api.pid})`);
    },
  ],
];

async function runDrill(
  id: string,
  title: string,
  rate: number,
  disrupt: Drill,
  admin: ApiClient,
  agents: { id: string; token: string }[],
): Promise<Verdict> {
  console.log(`\n(${id}) ${title}`);
  const tag = `drill-${id}-${Date.now().toString(36)}`;
  const flow = new TicketFlow(service.url, SECRET, tag).start(rate);
  const claimers = new Claimers(service.url, agents).start();
  say(`flow of ${rate} signed webhooks/s and ${agents.length} agents claiming`);
  await sleep(3_000);
  await disrupt(flow);
  await sleep(3_000);
  await flow.stop();
  await claimers.stop();
  say(flow.summary());
  if (flow.firstError) say(`note: first unexpected 5xx: ${flow.firstError}`);
  const db = await connect(DATABASE);
  try {
    const verdict = await verify(db, tag, flow, claimers);
    for (const line of verdict.lines) say(line);
    return verdict;
  } finally {
    await db.end();
  }
}

const TAMPER_TITLE = '(e) tamper with the audit log as a superuser: delete its tail, rewrite an entry with recomputed hashes';

async function runTamperDrill(): Promise<boolean> {
  console.log(`\n${TAMPER_TITLE}`);
  const db = await connect(DATABASE);
  try {
    const verdict = await tamperDrill(db, serviceEnv(settings), say);
    for (const line of verdict.lines) say(line);
    return verdict.ok;
  } finally {
    await db.end();
  }
}

async function main(): Promise<number> {
  console.log('eea-router reliability drills');
  await redis.start();
  await recreateDatabase(DATABASE);
  await service.start();
  const admin = new ApiClient(service.url, ADMIN);
  await admin.expect([200], 'PUT', '/v1/organizations/drill-std', { name: 'Drill standard', supportTier: 'standard' });
  await admin.expect([200], 'PUT', '/v1/organizations/drill-eea', { name: 'Drill EEA-only', supportTier: 'eea_only' });
  const agents = [];
  for (const [id, country] of [
    ['drill-de', 'DE'],
    ['drill-fr', 'FR'],
    ['drill-in', 'IN'],
    ['drill-us', 'US'],
  ]) {
    agents.push({ id, token: await setUpAgent(admin, { id, name: `Drill ${country}`, country, capacity: 1000 }) });
  }
  const only = process.argv.slice(2).filter((a) => /^[a-e]$/.test(a));
  const results: [string, boolean][] = [];
  try {
    for (const [id, title, rate, disrupt] of drills) {
      if (only.length && !only.includes(id)) continue;
      const verdict = await runDrill(id, title, rate, disrupt, admin, agents);
      results.push([`(${id}) ${title}`, verdict.ok]);
    }
    if (!only.length || only.includes('e')) results.push([TAMPER_TITLE, await runTamperDrill()]);
  } finally {
    await service.stop();
    await redis.stop();
  }
  console.log('\nsummary');
  for (const [title, ok] of results) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${title}`);
  if (!process.argv.includes('--keep')) await dropDatabase(DATABASE);
  return results.every(([, ok]) => ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (e: unknown) => {
    console.error(e);
    await service.stop();
    await redis.stop();
    process.exit(2);
  },
);
