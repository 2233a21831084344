/** The readable table, the targets and their verdicts. */
export interface Target {
  name: string;
  value: number;
  op: '>=' | '<=' | '==';
  limit: number;
  correctness?: boolean;
}

export function verdicts(r: any): Target[] {
  return [
    { name: 'policy.vsJsonRulesEngine', value: r.policy.vsJsonRulesEngine, op: '>=', limit: 10 },
    { name: 'ingest.p99Ms @ 500 req/s', value: r.ingest.p99Ms, op: '<=', limit: 50 },
    { name: 'e2e.ratio', value: r.e2e.ratio, op: '>=', limit: 0.15 },
    { name: 'e2e.lost', value: r.e2e.lost, op: '==', limit: 0, correctness: true },
    {
      name: `claim.p99Ms (${r.claim.agents} agents, ${r.claim.offeredPerSec} claims/s paced)`,
      value: r.claim.p99Ms,
      op: '<=',
      limit: 20,
    },
    { name: 'claim.doubleClaims', value: r.claim.doubleClaims + r.claim.doubleClaimsInDb, op: '==', limit: 0, correctness: true },
    { name: 'claim.violations', value: r.claim.violations, op: '==', limit: 0, correctness: true },
    { name: 'memory.apiRssMb', value: r.memory.apiRssMb, op: '<=', limit: 300 },
    { name: 'memory.workerRssMb', value: r.memory.workerRssMb, op: '<=', limit: 300 },
    {
      name: 'cost.cpuMsPerTicket (API + worker + PostgreSQL + Redis)',
      value: r.cost?.cpuMsPerTicket ?? NaN,
      op: '<=',
      limit: 1.5,
    },
  ];
}

export function passes(t: Target): boolean {
  if (!Number.isFinite(t.value)) return false;
  return t.op === '>=' ? t.value >= t.limit : t.op === '<=' ? t.value <= t.limit : t.value === t.limit;
}

function costLine(c: any): string {
  if (!c) return 'not measured';
  const p = c.perTicketMs;
  return `${c.cpuMsPerTicket} ms  (${p.api} + ${p.worker} + ${p.postgres} + ${p.redis}; whole PostgreSQL server ${p.postgresWholeServer}; ${c.tickets} tickets)`;
}

const fmt = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en') : String(n));

export function table(r: any): string {
  const i = r.ingest;
  const c = r.claim;
  const rows: [string, string, string][] = [
    [
      'policy',
      'checks/s (ours | json-rules-engine)',
      `${fmt(r.policy.checksPerSec)} | ${fmt(r.policy.baselineChecksPerSec)}  (${r.policy.vsJsonRulesEngine}x)`,
    ],
    [
      'ingest',
      `ack p50 / p99 / max, open loop ${i.rate} req/s paced`,
      `${i.p50Ms} / ${i.p99Ms} / ${i.maxMs} ms at ${fmt(i.achievedPerSec)} 2xx/s, non-2xx ${i.non2xx}, errors ${i.errors}  (generator: send lag p99 ${i.sendLagP99Ms} ms, ${i.loadgenCores} cores)`,
    ],
    [
      'ingest',
      `  bare Fastify, same generator`,
      `${i.bareP50Ms} / ${i.bareP99Ms} / ${i.bareMaxMs} ms at ${fmt(i.bareAchievedPerSec)} 2xx/s`,
    ],
    [
      'ingest',
      'max sustained 2xx/s, autocannon 64 conns (ours | bare)',
      `${fmt(i.maxPerSec)} | ${fmt(i.bareMaxPerSec)}  (ratio ${i.ratio}; non-2xx ${i.maxNon2xx}, bare ${i.bareNon2xx})`,
    ],
    [
      'e2e',
      'webhook → queued tickets/s (ours | BullMQ)',
      `${fmt(r.e2e.ticketsPerSec)} | ${fmt(r.e2e.baselineJobsPerSec)}  (ratio ${r.e2e.ratio})`,
    ],
    [
      'e2e',
      'latency p50 / p99 (ours | BullMQ)',
      `${r.e2e.p50Ms} / ${r.e2e.p99Ms} ms | ${r.e2e.baselineP50Ms} / ${r.e2e.baselineP99Ms} ms`,
    ],
    ['e2e', 'sent / acked / routed / lost', `${r.e2e.sent} / ${r.e2e.acked} / ${r.e2e.routed} / ${r.e2e.lost}`],
    [
      'claim',
      `${c.agents} agents concurrently, each 1 claim / ${c.periodMs / 1000} s (${c.offeredPerSec}/s offered): p50 / p99 / max`,
      `${c.p50Ms} / ${c.p99Ms} / ${c.maxMs} ms  (${fmt(c.perSec)} req/s, ${fmt(c.tickets)} open tickets seeded)`,
    ],
    [
      'claim',
      `  same, each 1 claim / ${c.slow.periodMs / 1000} s (${c.slow.offeredPerSec}/s offered)`,
      `${c.slow.p50Ms} / ${c.slow.p99Ms} / ${c.slow.maxMs} ms  (${fmt(c.slow.perSec)} req/s)`,
    ],
    [
      'claim',
      `  closed loop, no think time (saturation)`,
      `${c.saturatedP50Ms} / ${c.saturatedP99Ms} / ${c.saturated.maxMs} ms at ${fmt(c.saturatedPerSec)} req/s`,
    ],
    [
      'claim',
      'double claims (answers | db) / violations / over capacity',
      `${c.doubleClaims} | ${c.doubleClaimsInDb} / ${c.violations} / ${c.overCapacity}  over all ${fmt(c.claims)} claims (errors ${c.errors})`,
    ],
    ['memory', 'peak RSS api | worker', `${r.memory.apiRssMb} | ${r.memory.workerRssMb} MB`],
    ['cost', 'CPU ms per ticket, intake + routing: total (api + worker + postgres + redis)', costLine(r.cost)],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  return rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`).join('\n');
}

export function targetLines(targets: Target[]): string {
  const w = Math.max(...targets.map((t) => t.name.length));
  return targets.map((t) => `${passes(t) ? 'PASS' : 'FAIL'}  ${t.name.padEnd(w)}  ${fmt(t.value)} ${t.op} ${t.limit}`).join('\n');
}

/** CPU per process (cores) and pg_stat_activity (average active sessions) of the profiled phases. */
export function profiles(r: any, { ingestOnly = false, claimsOnly = false } = {}): string {
  const one = (name: string, p: any) =>
    `${name}\n  cores: ${Object.entries(p.cores)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n` + p.activity.map((a: any) => `  ${a.share.toFixed(1).padStart(5)}  ${a.what}`).join('\n');
  const claims = () => [
    one(`claims, paced ${r.claim.offeredPerSec}/s`, r.claim.paced.profile),
    one('claims, closed loop', r.claim.saturated.profile),
  ];
  if (claimsOnly) return claims().join('\n');
  return [
    `ingest p99 per second of the fixed-rate phase (ms): ours ${r.ingest.p99BySecondMs.join(' ')}; bare ${r.ingest.bareP99BySecondMs.join(' ')}`,
    one(`ingest, ours at ${r.ingest.rate} req/s (open loop)`, r.ingest.cpu),
    one(`ingest, bare Fastify at ${r.ingest.rate} req/s`, r.ingest.bareCpu),
    ...(ingestOnly ? [] : claims()),
  ].join('\n');
}
