/** The readable table, the targets and their verdicts. */
export interface Target { name: string; value: number; op: '>=' | '<=' | '=='; limit: number; correctness?: boolean }

export function verdicts(r: any): Target[] {
  return [
    { name: 'policy.vsJsonRulesEngine', value: r.policy.vsJsonRulesEngine, op: '>=', limit: 10 },
    { name: 'ingest.p99Ms @ 500 req/s', value: r.ingest.p99Ms, op: '<=', limit: 50 },
    { name: 'e2e.ratio', value: r.e2e.ratio, op: '>=', limit: 0.15 },
    { name: 'e2e.lost', value: r.e2e.lost, op: '==', limit: 0, correctness: true },
    { name: 'claim.p99Ms', value: r.claim.p99Ms, op: '<=', limit: 20 },
    { name: 'claim.doubleClaims', value: r.claim.doubleClaims + r.claim.doubleClaimsInDb, op: '==', limit: 0, correctness: true },
    { name: 'claim.violations', value: r.claim.violations, op: '==', limit: 0, correctness: true },
    { name: 'memory.apiRssMb', value: r.memory.apiRssMb, op: '<=', limit: 300 },
    { name: 'memory.workerRssMb', value: r.memory.workerRssMb, op: '<=', limit: 300 },
  ];
}

export function passes(t: Target): boolean {
  if (!Number.isFinite(t.value)) return false;
  return t.op === '>=' ? t.value >= t.limit : t.op === '<=' ? t.value <= t.limit : t.value === t.limit;
}

const fmt = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en') : String(n));

export function table(r: any): string {
  const rows: [string, string, string][] = [
    ['policy', 'checks/s (ours | json-rules-engine)', `${fmt(r.policy.checksPerSec)} | ${fmt(r.policy.baselineChecksPerSec)}  (${r.policy.vsJsonRulesEngine}x)`],
    ['ingest', `ack p50 / p99 offered ${r.ingest.rate} req/s`, `${r.ingest.p50Ms} / ${r.ingest.p99Ms} ms at ${fmt(r.ingest.achievedPerSec)} 2xx/s  (bare: ${r.ingest.bareP50Ms} / ${r.ingest.bareP99Ms} ms)`],
    ['ingest', 'max sustained 2xx/s (ours | bare)', `${fmt(r.ingest.maxPerSec)} | ${fmt(r.ingest.bareMaxPerSec)}  (ratio ${r.ingest.ratio})`],
    ['ingest', 'non-2xx / errors at fixed | max rate', `${r.ingest.non2xx}/${r.ingest.errors} | ${r.ingest.maxNon2xx}/${r.ingest.maxErrors}  (bare non-2xx: ${r.ingest.bareNon2xx})`],
    ['e2e', 'webhook → queued tickets/s (ours | BullMQ)', `${fmt(r.e2e.ticketsPerSec)} | ${fmt(r.e2e.baselineJobsPerSec)}  (ratio ${r.e2e.ratio})`],
    ['e2e', 'latency p50 / p99 (ours | BullMQ)', `${r.e2e.p50Ms} / ${r.e2e.p99Ms} ms | ${r.e2e.baselineP50Ms} / ${r.e2e.baselineP99Ms} ms`],
    ['e2e', 'sent / acked / routed / lost', `${r.e2e.sent} / ${r.e2e.acked} / ${r.e2e.routed} / ${r.e2e.lost}`],
    ['claim', `${r.claim.agents} agents, closed loop: p50 / p99`, `${r.claim.p50Ms} / ${r.claim.p99Ms} ms  (${fmt(r.claim.perSec)} req/s, ${fmt(r.claim.claims)} claims)`],
    ['claim', `paced (1 claim/agent/${r.claim.paced.periodMs} ms): p50 / p99`, `${r.claim.paced.p50Ms} / ${r.claim.paced.p99Ms} ms  (${fmt(r.claim.paced.perSec)} req/s)`],
    ['claim', 'double claims (answers | db) / violations', `${r.claim.doubleClaims} | ${r.claim.doubleClaimsInDb} / ${r.claim.violations}`],
    ['memory', 'peak RSS api | worker', `${r.memory.apiRssMb} | ${r.memory.workerRssMb} MB`],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  return rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`).join('\n');
}

export function targetLines(targets: Target[]): string {
  const w = Math.max(...targets.map((t) => t.name.length));
  return targets.map((t) => `${passes(t) ? 'PASS' : 'FAIL'}  ${t.name.padEnd(w)}  ${fmt(t.value)} ${t.op} ${t.limit}`).join('\n');
}
