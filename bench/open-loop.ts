/**
 * Open-loop, uniformly paced HTTP load: request i is due at t0 + i / rate, whatever happened to the
 * requests before it (no coordinated omission). Deadlines are absolute (a drift-corrected timer
 * fires every request that is due), each request goes out on its own over a keep-alive agent, and
 * latency is measured from the request's *scheduled* time, so queueing in the generator, in the
 * agent's socket queue or in the server all count. Bodies are prepared before the timed phase.
 */
import { Agent, request } from 'node:http';
import { percentile, round } from './stats';

export interface Prepared {
  path: string;
  headers: Record<string, string | number>;
  body: string;
}

export interface OpenLoopRun {
  offeredPerSec: number;
  seconds: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** 2xx per second from the first scheduled send to the last answer. */
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How late the generator itself sent requests (p99 / max): shows whether the pacing held. */
  sendLagP99Ms: number;
  sendLagMaxMs: number;
  /** CPU the generating process used during the phase, in cores. */
  loadgenCores: number;
  /** p99 latency of the requests scheduled in each second of the phase: where the tail happened. */
  p99BySecondMs: number[];
}

export async function openLoop(baseUrl: string, requests: Prepared[], rate: number, timeoutMs = 30_000): Promise<OpenLoopRun> {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const bySecond: number[][] = [];
  const lags: number[] = [];
  let ok = 0,
    non2xx = 0,
    errors = 0,
    lastDone = 0,
    next = 0;
  const inflight: Promise<void>[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now() + 20;

  const send = (i: number) =>
    new Promise<void>((resolve) => {
      const due = t0 + i * interval;
      lags.push(performance.now() - due);
      const r = requests[i];
      const done = (status: number) => {
        lastDone = performance.now();
        latencies.push(lastDone - due);
        (bySecond[Math.floor((i * interval) / 1000)] ??= []).push(lastDone - due);
        if (status >= 200 && status < 300) ok++;
        else if (status > 0) non2xx++;
        else errors++;
        resolve();
      };
      const req = request(
        { agent, host: hostname, port, method: 'POST', path: r.path, headers: r.headers, timeout: timeoutMs },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => done(res.statusCode ?? 0));
          res.on('error', () => done(0));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => done(0));
      req.end(r.body);
    });

  await new Promise<void>((finished) => {
    const tick = () => {
      const now = performance.now();
      while (next < requests.length && t0 + next * interval <= now) inflight.push(send(next++));
      if (next >= requests.length) return finished();
      setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
    };
    setTimeout(tick, 20);
  });
  await Promise.all(inflight);
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  const wall = (lastDone - t0) / 1000;
  return {
    offeredPerSec: rate,
    seconds: round(requests.length / rate, 1),
    sent: requests.length,
    ok,
    non2xx,
    errors,
    perSec: round(ok / Math.max(wall, requests.length / rate), 0),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    sendLagP99Ms: percentile(lags, 99),
    sendLagMaxMs: percentile(lags, 100),
    loadgenCores: round((cpu.user + cpu.system) / 1e6 / wall, 2),
    p99BySecondMs: Array.from(bySecond, (x) => percentile(x ?? [], 99)),
  };
}
