/**
 * `node dist/bench/intake-cpu.js [requests] [concurrency]`, run from a built tree's root: the API's CPU
 * time per accepted `generic` delivery (and per small `jira` delivery), read from /proc. CPU time per
 * request, unlike latency or throughput, barely moves when other work shares the machine, so two
 * builds can be compared on a busy host: run it in each tree, alternately, and compare.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createHmac } from 'node:crypto';
import { clearRedisPrefix, recreateDatabase } from '../scripts/support/db';
import { Service } from '../scripts/support/service';

const REQUESTS = Number(process.argv[2] ?? 4000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const SECRET = 'intake-cpu-secret-0123456789';
const settings = {
  database: 'eea_router_intake_cpu',
  queuePrefix: 'eea-intake-cpu',
  apiPort: 3180,
  workerPort: 3181,
  adminToken: 'intake-cpu-admin-token-0123456789',
  webhookSecret: SECRET,
};

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, 100 ticks per second
}

function generic(): { path: string; body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    deliveryId: randomUUID(),
    event: 'ticket.created',
    ticket: {
      externalId: randomUUID(),
      organizationId: 'cpu-org',
      region: 'eu-west-1',
      severity: 2,
      updatedAt: new Date().toISOString(),
    },
  });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  return {
    path: '/v1/webhooks/generic',
    body,
    headers: { 'content-type': 'application/json', 'x-signature': `t=${t},v1=${v1}` },
  };
}

function jira(): { path: string; body: string; headers: Record<string, string> } {
  const id = String(Math.floor(Math.random() * 1e12));
  const body = JSON.stringify({
    timestamp: Date.now(),
    webhookEvent: 'jira:issue_created',
    issue: {
      id,
      key: `CPU-${id}`,
      fields: {
        priority: { name: 'High' },
        labels: ['region:eu-west-1', 'org:cpu-org'],
        updated: new Date().toISOString(),
      },
    },
  });
  const sig = createHmac('sha256', SECRET).update(body).digest('hex');
  return {
    path: '/v1/webhooks/jira',
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature': `sha256=${sig}`,
      'x-atlassian-webhook-identifier': randomUUID(),
    },
  };
}

async function run(url: string, make: () => ReturnType<typeof generic>, count: number): Promise<number> {
  let next = 0;
  let ok = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      const r = make();
      const res = await fetch(url + r.path, { method: 'POST', headers: r.headers, body: r.body });
      await res.arrayBuffer();
      if (res.status === 202) ok++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return ok;
}

async function measure(service: Service, name: string, make: () => ReturnType<typeof generic>): Promise<void> {
  await run(service.url, make, Math.min(500, REQUESTS));
  const pid = service.api.pid!;
  const [cpu0, t0] = [cpuMs(pid), Date.now()];
  const ok = await run(service.url, make, REQUESTS);
  const [cpu1, t1] = [cpuMs(pid), Date.now()];
  console.log(
    JSON.stringify({
      source: name,
      requests: REQUESTS,
      accepted: ok,
      apiCpuMsPerRequest: +((cpu1 - cpu0) / REQUESTS).toFixed(3),
      perSec: Math.round(REQUESTS / ((t1 - t0) / 1000)),
    }),
  );
}

async function main(): Promise<void> {
  await recreateDatabase(settings.database);
  await clearRedisPrefix(settings.queuePrefix);
  const service = new Service({ ...settings, extraEnv: { WEBHOOK_SECRET_JIRA: SECRET } });
  await service.start();
  try {
    await measure(service, 'generic', generic);
    await measure(service, 'jira', jira);
  } finally {
    await service.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
