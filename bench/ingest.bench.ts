/**
 * Signed-webhook intake: ack latency at a fixed rate and the maximum sustained rate, against the
 * real API and against a bare Fastify + one INSERT baseline, measured the same way by autocannon.
 */
import autocannon from 'autocannon';
import { signGeneric } from '../scripts/support/webhook';
import { round } from './stats';

export interface RateRun { p50Ms: number; p99Ms: number; ok: number; non2xx: number; errors: number; perSec: number }

const REGIONS = ['eu-west-1', 'eu-central-1', 'eu-north-1', 'us-east-1', 'ap-south-1'];
let sequence = 0;

/** One autocannon run; every request gets a fresh deliveryId and externalId and its own signature. */
export async function hammer(url: string, secret: string, opts: { seconds: number; rate?: number; connections: number; tag: string }): Promise<RateRun> {
  const tag = `${opts.tag}-${Date.now().toString(36)}`;
  const result = await autocannon({
    url: `${url}/v1/webhooks/generic`,
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [{
      method: 'POST',
      setupRequest: (req: any) => {
        const n = ++sequence;
        const body = JSON.stringify({
          deliveryId: `${tag}-d${n}`,
          event: 'ticket.created',
          ticket: {
            externalId: `${tag}-t${n}`, organizationId: n % 3 === 0 ? 'bench-eea' : 'bench-std',
            region: REGIONS[n % REGIONS.length], severity: (n % 4) + 1, updatedAt: new Date().toISOString(),
          },
        });
        return { ...req, body, headers: { 'content-type': 'application/json', 'x-signature': signGeneric(secret, body) } };
      },
    }],
  } as autocannon.Options);
  const ok = result['2xx'];
  return {
    p50Ms: round(result.latency.p50), p99Ms: round(result.latency.p99), ok, non2xx: result.non2xx, errors: result.errors + result.timeouts,
    perSec: round(ok / opts.seconds, 0),
  };
}

export interface IngestResult {
  rate: number; seconds: number; at500: RateRun; max: RateRun; bareAt500: RateRun; bareMax: RateRun; ratio: number;
}

export async function measureIngest(
  ours: string, bare: string, secret: string, opts: { seconds: number; rate: number; warmup: () => Promise<void> },
): Promise<IngestResult> {
  // autocannon paces each connection to rate/connections and waits for each answer: enough
  // connections that the offered rate holds even when answers take a few hundred ms.
  const fixed = { seconds: opts.seconds, rate: opts.rate, connections: 160 };
  const flat = { seconds: opts.seconds, connections: 64 };
  await hammer(bare, secret, { seconds: 2, connections: 16, tag: 'bare-warm' });
  const bareAt500 = await hammer(bare, secret, { ...fixed, tag: 'bare-fixed' });
  const bareMax = await hammer(bare, secret, { ...flat, tag: 'bare-max' });
  await hammer(ours, secret, { seconds: 2, connections: 16, tag: 'warm' });
  await opts.warmup();
  const at500 = await hammer(ours, secret, { ...fixed, tag: 'fixed' });
  await opts.warmup();
  const max = await hammer(ours, secret, { ...flat, tag: 'max' });
  return { rate: opts.rate, seconds: opts.seconds, at500, max, bareAt500, bareMax, ratio: round(max.perSec / Math.max(1, bareMax.perSec), 2) };
}
