import type { FastifyInstance } from 'fastify';
import { httpDuration } from './metrics';

/** Records every response by route pattern (not raw URL, which would explode label cardinality). */
export function registerHttpMetrics(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}
