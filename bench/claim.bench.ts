/**
 * Claims under contention: every agent claims in a loop over its own keep-alive connection for N
 * seconds (closed loop, no think time), then the same agents at a paced rate. Afterwards the
 * database and the answers are checked: no ticket twice, no agent outside the ticket's countries.
 */
import { Agent, request } from 'node:http';
import { Client } from 'pg';
import type { SeededAgent } from './claim-seed';
import { percentile, round } from './stats';

export interface ClaimRun { claims: number; empty: number; errors: number; perSec: number; p50Ms: number; p99Ms: number }
interface Claimed { ticketId: string; agentId: string; agentCountry: string; allowed: string[] | '*' }

function claimOnce(http: Agent, port: number, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request({ agent: http, host: '127.0.0.1', port, method: 'POST', path: '/v1/me/claims',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': 2 } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end('{}');
  });
}

/** Each agent claims until `seconds` are over; `periodMs` > 0 paces each agent to one claim per period. */
export async function claimLoop(port: number, agents: SeededAgent[], seconds: number, periodMs: number, claimed: Claimed[]): Promise<ClaimRun> {
  const http = new Agent({ keepAlive: true, maxSockets: agents.length * 2 });
  const latencies: number[] = [];
  let empty = 0;
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(agents.map(async (agent, i) => {
    // Spread the paced agents' first claims over one period instead of a thundering herd.
    if (periodMs > 0) await new Promise((r) => setTimeout(r, (i * periodMs) / agents.length));
    while (Date.now() < end) {
      const started = performance.now();
      const res = await claimOnce(http, port, agent.token);
      const ms = performance.now() - started;
      latencies.push(ms);
      if (res.status === 200) {
        const t = JSON.parse(res.body) as { id: string; allowedCountries: string[] | '*' };
        claimed.push({ ticketId: t.id, agentId: agent.id, agentCountry: agent.country, allowed: t.allowedCountries });
      } else if (res.status === 204) empty++;
      else errors++;
      if (periodMs > ms) await new Promise((r) => setTimeout(r, periodMs - ms));
    }
  }));
  http.destroy();
  const claims = latencies.length - empty - errors;
  return { claims, empty, errors, perSec: round(latencies.length / seconds, 0), p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

export interface ClaimChecks { doubleClaims: number; doubleClaimsInDb: number; violations: number; overCapacity: number; assignmentMismatch: number }

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
  return { doubleClaims: observedDoubles, doubleClaimsInDb, violations: observedViolations + dbViolations, overCapacity, assignmentMismatch };
}
