/**
 * Cheap profiling while a phase runs: CPU seconds of a process (from /proc) and what the database
 * sessions of our database are doing (pg_stat_activity sampled every 50 ms), so that a missed target
 * can be pinned on the query or the wait that dominates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Client } from 'pg';

const TICKS_PER_SECOND = 100;

export function cpuSeconds(pid?: number): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
  } catch {
    return 0;
  }
}

/** Whole-machine busy fraction between two /proc/stat readings. */
export function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + cpu[4];
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export interface ActivitySample {
  what: string;
  share: number;
}

/** Samples pg_stat_activity for `database` until stopped; returns the top states/waits/queries. */
export function sampleActivity(db: Client, database: string): { stop: () => Promise<ActivitySample[]> } {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await db.query<{ what: string }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || '  ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS what
           FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
        [database],
      );
      samples++;
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([what, n]) => ({ what, share: Math.round((n / samples) * 10) / 10 }));
    },
  };
}

/** CPU seconds of every process whose command name is `comm` (e.g. all PostgreSQL backends), by pid. */
export function cpuByComm(comm: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== comm) continue;
      const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      out.set(Number(entry), (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND);
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

export const sumDelta = (a: Map<number, number>, b: Map<number, number>) =>
  [...b].reduce((s, [pid, t]) => s + t - (a.get(pid) ?? 0), 0);

export interface PhaseProfile {
  cores: Record<string, number>;
  activity: ActivitySample[];
}

/**
 * Where the CPU went during a phase, in cores: the named child processes, all `postgres` processes
 * (backends, WAL writer, checkpointer; the whole server, so other databases' load counts too),
 * Redis, this process (the load generator) and the whole machine; plus what our database
 * sessions waited on (pg_stat_activity every 50 ms, average active sessions).
 */
export function profilePhase(
  pids: Record<string, number | undefined>,
  db: Client,
  database: string,
): { stop: () => Promise<PhaseProfile> } {
  const started = performance.now();
  const own0 = process.cpuUsage();
  const named0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  const pg0 = cpuByComm('postgres');
  const redis0 = cpuByComm('redis-server');
  const m0 = machineTicks();
  const activity = sampleActivity(db, database);
  return {
    stop: async () => {
      const samples = await activity.stop();
      const s = (performance.now() - started) / 1000;
      const r = (x: number) => Math.round((x / s) * 100) / 100;
      const own = process.cpuUsage(own0);
      const m1 = machineTicks();
      const cores: Record<string, number> = {};
      for (const [k, pid] of Object.entries(pids)) cores[k] = r(cpuSeconds(pid) - named0[k]);
      cores.postgres = r(sumDelta(pg0, cpuByComm('postgres')));
      cores.redis = r(sumDelta(redis0, cpuByComm('redis-server')));
      cores.loadgen = r((own.user + own.system) / 1e6);
      cores.machine = Math.round(((m1.busy - m0.busy) / (m1.total - m0.total)) * cpus().length * 100) / 100;
      return { cores, activity: samples };
    },
  };
}
