/**
 * Claims by many agents at once, each over its own keep-alive connection: paced (every agent on its
 * own schedule) or closed loop (no think time). Afterwards the database and the answers are
 * checked over every claim made: no ticket twice, no agent outside the ticket's countries.
 */
import { Agent, request } from 'node:http';
import { Client } from 'pg';
import type { SeededAgent } from './claim-seed';
import { percentile, round } from './stats';

export interface ClaimRun {
  claims: number;
  empty: number;
  errors: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}
export interface Claimed {
  ticketId: string;
  agentId: string;
  agentCountry: string;
  allowed: string[] | '*';
}

function claimOnce(http: Agent, port: number, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent: http,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/me/claims',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': 2 },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end('{}');
  });
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

/**
 * Closed loop (`periodMs` 0): every agent claims again as soon as its last claim answered, for
 * `seconds`: the saturation throughput, with latency = in-flight agents / throughput (Little's law).
 *
 * Paced (`periodMs` > 0): agent i claims at t0 + i * periodMs / agents + k * periodMs (its own
 * schedule, start times spread uniformly, so the agents together offer agents / periodMs claims/s).
 * An agent never has two claims in flight; if an answer is late its next claim goes out late, but
 * latency is measured from the *scheduled* time, so that delay counts (no coordinated omission).
 */
export async function claimLoop(
  port: number,
  agents: SeededAgent[],
  seconds: number,
  periodMs: number,
  claimed: Claimed[],
): Promise<ClaimRun> {
  const http = new Agent({ keepAlive: true, maxSockets: agents.length * 2 });
  const latencies: number[] = [];
  let empty = 0;
  let errors = 0;
  const t0 = performance.now() + 50;
  const end = t0 + seconds * 1000;
  await Promise.all(
    agents.map(async (agent, i) => {
      for (let k = 0; ; k++) {
        const due = periodMs > 0 ? t0 + (i * periodMs) / agents.length + k * periodMs : performance.now();
        if (due >= end) break;
        if (periodMs > 0) await sleepUntil(due);
        const res = await claimOnce(http, port, agent.token);
        latencies.push(performance.now() - due);
        if (res.status === 200) {
          const t = JSON.parse(res.body) as { id: string; allowedCountries: string[] | '*' };
          claimed.push({ ticketId: t.id, agentId: agent.id, agentCountry: agent.country, allowed: t.allowedCountries });
        } else if (res.status === 204) empty++;
        else errors++;
      }
    }),
  );
  http.destroy();
  const claims = latencies.length - empty - errors;
  return {
    claims,
    empty,
    errors,
    perSec: round(latencies.length / seconds, 0),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
  };
}

export interface ClaimChecks {
  doubleClaims: number;
  doubleClaimsInDb: number;
  violations: number;
  overCapacity: number;
  assignmentMismatch: number;
}

/** Correctness after the run, from the answers the agents saw and from the database. */
export async function checkClaims(db: Client, claimed: Claimed[]): Promise<ClaimChecks> {
  const seen = new Map<string, number>();
  for (const c of claimed) seen.set(c.ticketId, (seen.get(c.ticketId) ?? 0) + 1);
  const observedDoubles = [...seen.values()].filter((n) => n > 1).length;
  const observedViolations = claimed.filter((c) => c.allowed !== '*' && !c.allowed.includes(c.agentCountry)).length;
  const q = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
  const doubleClaimsInDb = await q(`SELECT count(*)::int AS n FROM (SELECT ticket_id FROM ticket_accesses
    WHERE action = 'claim' GROUP BY ticket_id HAVING count(*) > 1) d`);
  const dbViolations = await q(`SELECT count(*)::int AS n FROM tickets t JOIN agents a ON a.id = t.assignee_id
    WHERE t.status = 'assigned' AND t.allowed_countries IS NOT NULL AND (a.country IS NULL OR NOT a.country = ANY(t.allowed_countries))`);
  const overCapacity = await q(`SELECT count(*)::int AS n FROM (SELECT a.id FROM agents a JOIN tickets t ON t.assignee_id = a.id
    GROUP BY a.id, a.capacity HAVING count(*) > a.capacity) o`);
  const assignedInDb = await q(`SELECT count(*)::int AS n FROM tickets WHERE status = 'assigned'`);
  // Every 200 must be one assignment in the database, and vice versa (a lost answer would show here).
  const assignmentMismatch = Math.abs(assignedInDb - seen.size);
  return {
    doubleClaims: observedDoubles,
    doubleClaimsInDb,
    violations: observedViolations + dbViolations,
    overCapacity,
    assignmentMismatch,
  };
}
