import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error';

/**
 * Probes must answer when the process is saturated: an orchestrator that cannot read health restarts
 * a process that is only busy, and a scrape that fails hides the very overload it should show.
 */
const EXEMPT = /^\/(health|metrics)(\/|$|\?)/;

/** Seconds a refused caller is told to wait; the vendors' retry schedules honour it. */
export const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

/**
 * Backpressure instead of memory: at most `max` requests are handled at once by this process; the next
 * one is answered 503 `unavailable` with `Retry-After` at once, in `onRequest`, before its body is read,
 * so an overload costs the callers a retry (webhook vendors retry 503) rather than costing the process
 * an unbounded heap of buffered bodies and pending queries. A slot is freed when the response is written
 * ('finish') or its connection is gone ('close'), so an aborted caller cannot leak one.
 */
export function registerInFlightLimit(fastify: FastifyInstance, max: number): { inFlight: () => number } {
  let inFlight = 0;
  fastify.addHook('onRequest', async (request, reply) => {
    if (EXEMPT.test(request.url)) return;
    if (inFlight >= max) {
      void reply.header('retry-after', IN_FLIGHT_RETRY_AFTER_SECONDS);
      throw new ApiError(503, 'unavailable', 'Too many requests in progress; retry after the time in Retry-After.');
    }
    inFlight++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      inFlight--;
    };
    reply.raw.once('finish', release);
    reply.raw.once('close', release);
  });
  return { inFlight: () => inFlight };
}
