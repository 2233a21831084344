import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { httpDuration } from './metrics';

const logger = new Logger('http');

/**
 * One log line and one histogram sample per response, by route pattern (never the raw URL or query,
 * which could carry identifiers, and never the body).
 */
export function registerHttpMetrics(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    const status = reply.statusCode;
    httpDuration.observe({ method: req.method, route, status: String(status) }, reply.elapsedTime / 1000);
    const line = { reqId: req.id, method: req.method, route, status, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (status >= 500) logger.error(line, 'request failed');
    else logger.log(line, 'request completed');
  });
}
