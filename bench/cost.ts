/**
 * CPU per ticket (`cost.cpuMsPerTicket`): CPU seconds of the API, the worker, every PostgreSQL process
 * and Redis over a window that starts when the paced webhooks start and ends when the worker has routed
 * the last of them, divided by the tickets accepted. Unlike latency or throughput it barely moves when
 * the machine is shared, since it counts the work done rather than how fast it got done; but PostgreSQL
 * and Redis are whole servers here, so other databases' load on the same server counts too.
 */
import { cpuSeconds, cpuByComm, sumDelta } from './probe';

export interface CostResult {
  cpuMsPerTicket: number;
  tickets: number;
  /** CPU milliseconds per ticket of each part. */
  perTicketMs: { api: number; worker: number; postgres: number; redis: number };
  window: string;
}

export function costProbe(pids: { api?: number; worker?: number }): { stop: (tickets: number) => CostResult } {
  const api0 = cpuSeconds(pids.api);
  const worker0 = cpuSeconds(pids.worker);
  const pg0 = cpuByComm('postgres');
  const redis0 = cpuByComm('redis-server');
  return {
    stop: (tickets) => {
      const perTicket = (seconds: number) => Math.round((seconds * 1000 / Math.max(1, tickets)) * 100) / 100;
      const perTicketMs = {
        api: perTicket(cpuSeconds(pids.api) - api0),
        worker: perTicket(cpuSeconds(pids.worker) - worker0),
        postgres: perTicket(sumDelta(pg0, cpuByComm('postgres'))),
        redis: perTicket(sumDelta(redis0, cpuByComm('redis-server'))),
      };
      const total = perTicketMs.api + perTicketMs.worker + perTicketMs.postgres + perTicketMs.redis;
      return {
        cpuMsPerTicket: Math.round(total * 100) / 100, tickets, perTicketMs,
        window: 'open-loop ingest phase at the fixed rate until the worker routed the last ticket (intake + routing)',
      };
    },
  };
}
