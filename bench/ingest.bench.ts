/**
 * Signed-webhook intake, against the real API and against a bare Fastify + one INSERT baseline,
 * measured the same way: ack latency under an open-loop, uniformly paced load at a fixed rate
 * (`open-loop.ts`), and the maximum sustained rate (autocannon, unthrottled).
 */
import autocannon from 'autocannon';
import { signGeneric } from '../scripts/support/webhook';
import { OpenLoopRun, Prepared, openLoop } from './open-loop';
import type { CostResult } from './cost';
import type { PhaseProfile } from './probe';
import { round } from './stats';

export interface RateRun {
  ok: number;
  non2xx: number;
  errors: number;
  perSec: number;
}

const REGIONS = ['eu-west-1', 'eu-central-1', 'eu-north-1', 'us-east-1', 'ap-south-1'];
let sequence = 0;

/** A fresh delivery (own deliveryId and externalId, a third of them EEA-only) as a JSON body. */
function delivery(tag: string): string {
  const n = ++sequence;
  return JSON.stringify({
    deliveryId: `${tag}-d${n}`,
    event: 'ticket.created',
    ticket: {
      externalId: `${tag}-t${n}`,
      organizationId: n % 3 === 0 ? 'bench-eea' : 'bench-std',
      region: REGIONS[n % REGIONS.length],
      severity: (n % 4) + 1,
      updatedAt: new Date().toISOString(),
    },
  });
}

/** `count` signed deliveries, prepared before the timed phase (signatures stay valid for 300 s). */
function signed(secret: string, tag: string, count: number): Prepared[] {
  const t = `${tag}-${Date.now().toString(36)}`;
  return Array.from({ length: count }, () => {
    const body = delivery(t);
    return {
      path: '/v1/webhooks/generic',
      body,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-signature': signGeneric(secret, body),
      },
    };
  });
}

/** Unthrottled autocannon run; every request gets a fresh delivery and its own signature. */
export async function hammer(
  url: string,
  secret: string,
  opts: { seconds: number; connections: number; tag: string },
): Promise<RateRun> {
  const tag = `${opts.tag}-${Date.now().toString(36)}`;
  const result = await autocannon({
    url: `${url}/v1/webhooks/generic`,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: any) => {
          const body = delivery(tag);
          return { ...req, body, headers: { 'content-type': 'application/json', 'x-signature': signGeneric(secret, body) } };
        },
      },
    ],
  } as autocannon.Options);
  const ok = result['2xx'];
  return { ok, non2xx: result.non2xx, errors: result.errors + result.timeouts, perSec: round(ok / opts.seconds, 0) };
}

export interface IngestResult {
  rate: number;
  seconds: number;
  fixed: OpenLoopRun;
  max: RateRun;
  bareFixed: OpenLoopRun;
  bareMax: RateRun;
  ratio: number;
  profile: PhaseProfile;
  bareProfile: PhaseProfile;
  /** CPU per ticket of our fixed-rate phase, intake and routing (see cost.ts). */
  cost?: CostResult;
}

export interface IngestOptions {
  seconds: number;
  rate: number;
  warmupSeconds: number;
  /** Waits until the worker has routed everything (so the fixed-rate phase runs with the worker idle). */
  drain: () => Promise<unknown>;
  /** Clears the database's own background work (vacuum, checkpoint) left by the phase before. */
  settle: () => Promise<unknown>;
  /** Starts CPU / pg_stat_activity sampling for a phase. */
  profile: () => { stop: () => Promise<PhaseProfile> };
  /** Starts counting CPU per ticket (ours only; stopped once the phase's tickets are routed). */
  cost?: () => Promise<{ stop: (tickets: number) => Promise<CostResult> }>;
}

export async function measureIngest(ours: string, bare: string, secret: string, o: IngestOptions): Promise<IngestResult> {
  const flat = { seconds: o.seconds, connections: 64 };
  const fixed = async (url: string, tag: string, cost?: IngestOptions['cost']) => {
    const requests = signed(secret, tag, Math.round(o.rate * o.seconds));
    await o.settle();
    const probe = o.profile();
    const spent = await cost?.();
    const run = await openLoop(url, requests, o.rate);
    return { run, profile: await probe.stop(), spent };
  };
  // Warm-ups at the same pace (JIT, pools, sockets), not measured.
  await openLoop(bare, signed(secret, 'bare-warm', o.rate * o.warmupSeconds), o.rate);
  const bareFixed = await fixed(bare, 'bare-fixed');
  const bareMax = await hammer(bare, secret, { ...flat, tag: 'bare-max' });
  await openLoop(ours, signed(secret, 'warm', o.rate * o.warmupSeconds), o.rate);
  await o.drain();
  const ourFixed = await fixed(ours, 'fixed', o.cost);
  await o.drain();
  // Every accepted delivery of the phase is a new ticket, now routed: its intake and routing are counted.
  const cost = await ourFixed.spent?.stop(ourFixed.run.ok);
  const max = await hammer(ours, secret, { ...flat, tag: 'max' });
  return {
    rate: o.rate,
    seconds: o.seconds,
    fixed: ourFixed.run,
    max,
    bareFixed: bareFixed.run,
    bareMax,
    ratio: round(max.perSec / Math.max(1, bareMax.perSec), 2),
    profile: ourFixed.profile,
    bareProfile: bareFixed.profile,
    cost,
  };
}
