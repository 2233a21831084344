/**
 * `node dist/bench/claim-sql-ab.js <before-worktree> <after-worktree>`: the SQL of one claim transaction
 * as two trees run it (read from their SQL snapshots, `libs/<lib>/src/queries`), A/B on one connection,
 * interleaved (6 rounds of N claims, alternating which goes first; round 0 warms up), each transaction
 * rolled back so that the data stays the same. On the database a claims bench left behind
 * (`BENCH_DATABASE`, default eea_router_bench). Machine noise hits both sides alike, so the ratio holds
 * better than a bench run's latency. Only the two claim shapes of issue 18 are known here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PG_BASE } from '../scripts/support/service';

type Statements = Record<string, { text: string; prepared: boolean }>;

function snapshots(tree: string, files: string[]): Statements {
  const out: Statements = {};
  for (const file of files) {
    let name: string | null = null;
    let lines: string[] = [];
    const flush = () => {
      if (name) out[name] = { ...out[name], text: lines.join('\n').trim().replace(/;$/, '') };
    };
    for (const line of readFileSync(join(tree, file), 'utf8').split('\n')) {
      const m = /^-- ([a-z_]+\.[a-z_]+)( \(prepared\))?$/.exec(line);
      if (!m) {
        if (name) lines.push(line);
        continue;
      }
      flush();
      name = m[1];
      out[name] = { text: '', prepared: Boolean(m[2]) };
      lines = [];
    }
    flush();
  }
  return out;
}

const FILES = [
  'libs/tickets/src/queries/claim.repository.sql',
  'libs/tickets/src/queries/tier-and-consents.repository.sql',
  'libs/agents/src/queries/agent.repository.sql',
];

interface Agent {
  id: string;
  country: string | null;
  skills: string[];
  capacity: number;
}

async function main(): Promise<void> {
  const [beforeTree, afterTree] = process.argv.slice(2);
  if (!beforeTree || !afterTree) throw new Error('usage: claim-sql-ab <before-worktree> <after-worktree>');
  const c = new Client({ connectionString: `${PG_BASE}/${process.env.BENCH_DATABASE ?? 'eea_router_bench'}` });
  await c.connect();
  const query = (set: Statements, tag: string, name: string, values: unknown[]) => {
    const s = set[name];
    if (!s) throw new Error(`${tag} has no statement ${name}`);
    return c.query(s.prepared ? { name: `${tag}_${name}`, text: s.text, values } : { text: s.text, values });
  };
  const before = snapshots(beforeTree, FILES);
  const after = snapshots(afterTree, FILES);
  // Before: agent lock, candidate lock (with the held count), tier-and-consents read, assignment.
  const claimBefore = async (a: Agent) => {
    const row = (await query(before, 'b', 'tickets.lock_next_claim_candidate', [a.country, a.skills, [], 1, a.id, a.capacity]))
      .rows[0];
    if (!row) return false;
    const now = new Date();
    await query(before, 'b', 'tickets.tier_and_consents', [
      row.id,
      row.organizationId,
      now,
      row.problemRef,
      row.source,
      row.organizationIds,
    ]);
    if (row.allowedCountries)
      await query(before, 'b', 'tickets.assign_and_log_access', [row.id, a.id, now, a.country, 'claim', false, null]);
    else await query(before, 'b', 'tickets.assign', [row.id, a.id, now]);
    return true;
  };
  // After: agent lock, pick with the facts, assignment with its records.
  const claimAfter = async (a: Agent) => {
    const now = new Date();
    const row = (await query(after, 'a', 'tickets.claim_pick', [a.country, a.skills, [], 1, a.id, a.capacity, now])).rows[0];
    if (!row) return false;
    const access = row.allowedCountries ? [a.country, 'claim', false, null] : [null, null, null, null];
    await query(after, 'a', 'tickets.claim_assign', [row.id, a.id, now, ...access, null, null, null, null, null, 0]);
    return true;
  };
  const agents = (await c.query<Agent>(`SELECT id, country, skills, capacity FROM agents ORDER BY id`)).rows;
  const n = Number(process.env.N ?? 400);
  const sides: Array<[string, Statements, string, (a: Agent) => Promise<boolean>]> = [
    ['before', before, 'b', claimBefore],
    ['after', after, 'a', claimAfter],
  ];
  const perClaim: Record<string, number[]> = { before: [], after: [] };
  for (let round = 0; round < 6; round++) {
    for (const [label, set, tag, claim] of round % 2 ? [...sides].reverse() : sides) {
      let found = 0;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const a = agents[i % agents.length];
        await c.query('BEGIN');
        await query(set, tag, 'agents.lock', [a.id]);
        if (await claim(a)) found++;
        await c.query('ROLLBACK');
      }
      const ms = (performance.now() - t0) / n;
      if (round > 0) perClaim[label].push(ms);
      console.log(`round ${round} ${label}: ${ms.toFixed(3)} ms per claim transaction (${found}/${n} found a ticket)`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const [b, a] = [median(perClaim.before), median(perClaim.after)];
  console.log(`median of rounds 1-5: before ${b.toFixed(3)} ms, after ${a.toFixed(3)} ms, after/before ${(a / b).toFixed(2)}`);
  await c.end();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
