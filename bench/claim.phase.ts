/**
 * The claims phase: seed 100,000 open tickets and 200 agents, then (in this order, on the same
 * backlog) a short unmeasured warm-up, the paced runs (the target: all agents claiming
 * concurrently, each on its own schedule), and last the closed-loop saturation run (it leaves the
 * most dead rows behind). Every claim of every run goes into the correctness checks.
 */
import { Client } from 'pg';
import { ApiClient } from '../scripts/support/http';
import { Claimed, ClaimRun, checkClaims, claimLoop } from './claim.bench';
import { seedAgents, seedTickets } from './claim-seed';
import { PhaseProfile } from './probe';

/** The target's pace: each agent claims once every 2 s (200 agents → 100 claims/s); also 1 per 4 s (50/s). */
export const PACE_MS = 2_000;
export const SLOW_PACE_MS = 4_000;

export interface ClaimOptions {
  port: number;
  tickets: number;
  agents: number;
  pacedSeconds: number;
  closedSeconds: number;
  profile: () => { stop: () => Promise<PhaseProfile> };
  log: (s: string) => void;
}

export async function runClaims(admin: ApiClient, db: Client, o: ClaimOptions) {
  o.log(`claims: seeding ${o.tickets.toLocaleString('en')} tickets and ${o.agents} agents`);
  await db.query('TRUNCATE tickets, webhook_deliveries, outbox CASCADE');
  const seeded = await seedTickets(admin, db, o.tickets);
  const agents = await seedAgents(admin, o.agents);
  await db.query('VACUUM ANALYZE tickets');
  const claimed: Claimed[] = [];
  const phase = async (what: string, seconds: number, periodMs: number): Promise<ClaimRun & { profile: PhaseProfile }> => {
    o.log(`claims: ${what}`);
    const probe = o.profile();
    const run = await claimLoop(o.port, agents, seconds, periodMs, claimed);
    return { ...run, profile: await probe.stop() };
  };
  await claimLoop(o.port, agents, 3, PACE_MS, claimed); // warm-up: JIT, sockets, pools; counted in the checks only
  const paced = await phase(
    `${o.agents} agents, each one claim every ${PACE_MS / 1000} s on its own schedule, ${o.pacedSeconds}s`,
    o.pacedSeconds,
    PACE_MS,
  );
  const slow = await phase(
    `${o.agents} agents, each one claim every ${SLOW_PACE_MS / 1000} s, ${o.pacedSeconds}s`,
    o.pacedSeconds,
    SLOW_PACE_MS,
  );
  const closed = await phase(`${o.agents} agents in a closed loop (saturation) for ${o.closedSeconds}s`, o.closedSeconds, 0);
  const checks = await checkClaims(db, claimed);
  const openAfter = (await db.query(`SELECT count(*)::int AS n FROM tickets WHERE status = 'queued'`)).rows[0].n as number;
  const offered = (ms: number) => Math.round((o.agents * 1000) / ms);
  return {
    agents: o.agents,
    tickets: o.tickets,
    openTicketsAfter: openAfter,
    eeaOnlySeededAsSev1: seeded.eeaOnlyAllSev1,
    measured:
      `${o.agents} agents claiming concurrently, each once every ${PACE_MS} ms on its own schedule (starts spread uniformly; ` +
      `${offered(PACE_MS)} claims/s offered), ${o.tickets.toLocaleString('en')} open tickets, latency from the scheduled time`,
    periodMs: PACE_MS,
    offeredPerSec: offered(PACE_MS),
    seconds: o.pacedSeconds,
    p50Ms: paced.p50Ms,
    p99Ms: paced.p99Ms,
    maxMs: paced.maxMs,
    perSec: paced.perSec,
    claims: claimed.length,
    empty: paced.empty + slow.empty + closed.empty,
    errors: paced.errors + slow.errors + closed.errors,
    paced,
    slow: { periodMs: SLOW_PACE_MS, offeredPerSec: offered(SLOW_PACE_MS), ...slow },
    saturatedPerSec: closed.perSec,
    saturatedP50Ms: closed.p50Ms,
    saturatedP99Ms: closed.p99Ms,
    saturated: { seconds: o.closedSeconds, ...closed },
    ...checks,
  };
}
