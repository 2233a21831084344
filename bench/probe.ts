/**
 * Cheap profiling while a phase runs: CPU seconds of a process (from /proc) and what the database
 * sessions of our database are doing (pg_stat_activity sampled every 50 ms), so that a missed target
 * can be pinned on the query or the wait that dominates.
 */
import { readFileSync } from 'node:fs';
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

export interface ActivitySample { what: string; share: number }

/** Samples pg_stat_activity for `database` until stopped; returns the top states/waits/queries. */
export function sampleActivity(db: Client, database: string): { stop: () => Promise<ActivitySample[]> } {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await db.query<{ what: string }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || '  ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS what
           FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`, [database]);
      samples++;
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)
        .map(([what, n]) => ({ what, share: Math.round((n / samples) * 10) / 10 }));
    },
  };
}
