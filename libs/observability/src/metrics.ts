import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; API and worker expose it on /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'eea_router_' });

export const httpDuration = new Histogram({
  name: 'eea_router_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const routingDuration = new Histogram({
  name: 'eea_router_routing_seconds',
  help: 'Time from a ticket change being committed to its routing decision being stored',
  labelNames: ['outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const claimsTotal = new Counter({
  name: 'eea_router_claims_total',
  help: 'Claim attempts by result',
  labelNames: ['result'],
  registers: [registry],
});

/**
 * How a claim's live re-check got its facts: read with the candidate's lock (`with_lock`, one statement)
 * or read again in a statement of their own because the locked row changed after the pick's snapshot (`again`).
 */
export const claimFactsTotal = new Counter({
  name: 'eea_router_claim_facts_total',
  help: 'Claim candidates re-checked, by how their tier and consents were read',
  labelNames: ['read'],
  registers: [registry],
});

export const webhooksTotal = new Counter({
  name: 'eea_router_webhooks_total',
  help: 'Webhook deliveries by source and result',
  labelNames: ['source', 'result'],
  registers: [registry],
});
