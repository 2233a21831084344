/**
 * CPU per ticket (`cost.cpuMsPerTicket`): CPU seconds of the API, the worker, PostgreSQL and Redis over
 * a window that starts when the paced webhooks start and ends when the worker has routed the last of
 * them, divided by the tickets accepted. Unlike latency or throughput it moves little when the machine
 * is shared, since it counts the work done rather than how fast it got done. PostgreSQL counts the
 * sessions of the bench database plus the server's own processes (WAL writer, checkpointer, ...), not
 * other databases' sessions on the same server; the whole server is kept beside it
 * (`postgresWholeServer`). Redis is the whole server (other prefixes' work counts too).
 */
import type { Client } from 'pg';
import { cpuByComm, cpuSeconds, sumDelta } from './probe';

export interface CostResult {
  cpuMsPerTicket: number;
  tickets: number;
  /** CPU milliseconds per ticket of each part. */
  perTicketMs: { api: number; worker: number; postgres: number; redis: number; postgresWholeServer: number };
  window: string;
}

/** PostgreSQL processes that work for the bench: its database's sessions and the server's own processes. */
async function ourPostgresPids(db: Client, database: string): Promise<Set<number>> {
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 OR datname IS NULL`, [
    database,
  ]);
  return new Set(rows.map((r) => r.pid));
}

const only = (cpu: Map<number, number>, pids: Set<number>) => new Map([...cpu].filter(([pid]) => pids.has(pid)));

export async function costProbe(pids: { api?: number; worker?: number }, db: Client, database: string) {
  const api0 = cpuSeconds(pids.api);
  const worker0 = cpuSeconds(pids.worker);
  const pg0 = cpuByComm('postgres');
  const redis0 = cpuByComm('redis-server');
  const ours0 = await ourPostgresPids(db, database);
  return {
    stop: async (tickets: number): Promise<CostResult> => {
      const pg1 = cpuByComm('postgres');
      const api = cpuSeconds(pids.api) - api0;
      const worker = cpuSeconds(pids.worker) - worker0;
      const redis = sumDelta(redis0, cpuByComm('redis-server'));
      // Sessions opened during the window count from zero; those of the start are counted from then.
      const ours = new Set([...ours0, ...(await ourPostgresPids(db, database))]);
      const postgres = sumDelta(pg0, only(pg1, ours));
      const perTicket = (seconds: number) => Math.round(((seconds * 1000) / Math.max(1, tickets)) * 100) / 100;
      return {
        cpuMsPerTicket: perTicket(api + worker + postgres + redis),
        tickets,
        perTicketMs: {
          api: perTicket(api),
          worker: perTicket(worker),
          postgres: perTicket(postgres),
          redis: perTicket(redis),
          postgresWholeServer: perTicket(sumDelta(pg0, pg1)),
        },
        window: 'open-loop ingest phase at the fixed rate until the worker routed the last ticket (intake + routing)',
      };
    },
  };
}
