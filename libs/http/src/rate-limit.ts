import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { ApiError } from './api-error';

export interface RateLimitSettings {
  /** Requests per minute for one bearer token, or for one client address when there is no token. */
  perMinute: number;
  redisUrl: string;
  /** Counters live under "<prefix>:rate-limit:" so that every API process of one deployment shares them. */
  prefix: string;
}

/**
 * Route config (`@RouteConfig(SIGNED_ROUTE)`) of a route whose callers authenticate by a signature
 * over the body (webhooks): only its rejected requests count, see `registerFailureLimit`.
 */
export const SIGNED_ROUTE = { signedBody: true } as const;

/**
 * Route config (`@RouteConfig(UNAUTHENTICATED_ROUTE)`) of a public route that reads no bearer token
 * (approval links, key sets): it is limited by client address, whatever Authorization header is sent.
 */
export const UNAUTHENTICATED_ROUTE = { unauthenticated: true } as const;

function isSigned(request: Pick<FastifyRequest, 'routeOptions'>): boolean {
  return (request.routeOptions?.config as { signedBody?: boolean } | undefined)?.signedBody === true;
}

function readsNoToken(request: Pick<FastifyRequest, 'routeOptions'>): boolean {
  const config = request.routeOptions?.config as { signedBody?: boolean; unauthenticated?: boolean } | undefined;
  return config?.signedBody === true || config?.unauthenticated === true;
}

/** Probes must answer even under load: an orchestrator that cannot see health restarts a healthy process. */
const EXEMPT = /^\/health(\/|$|\?)/;

/**
 * The bucket of a request: the SHA-256 of its bearer token (never the token itself, which would put a
 * credential into Redis), else the client address (which honours TRUST_PROXY through request.ip).
 * Routes that read no token are keyed by address only: a made-up Authorization header on each request
 * must not buy a fresh bucket.
 */
export function rateLimitKey(
  request: Pick<FastifyRequest, 'headers' | 'ip'> & Partial<Pick<FastifyRequest, 'routeOptions'>>,
): string {
  if (readsNoToken(request as Pick<FastifyRequest, 'routeOptions'>)) return addressKey(request);
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  if (match) return `token:${createHash('sha256').update(match[1]).digest('hex')}`;
  return addressKey(request);
}

function addressKey(request: Pick<FastifyRequest, 'ip'>): string {
  return `ip:${request.ip}`;
}

/**
 * Redis-backed fixed-window limits (@fastify/rate-limit). When Redis is unreachable requests pass:
 * webhooks must still be accepted into PostgreSQL during a Redis outage (the sweeper routes them later).
 */
export async function registerRateLimit(app: NestFastifyApplication, settings: RateLimitSettings): Promise<void> {
  const redis = new Redis(settings.redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Connection errors are expected during an outage; requests then skip the limit (skipOnError).
  redis.on('error', () => undefined);
  // Without this the first requests after start would pass uncounted (skipOnError while connecting).
  await waitReady(redis, 2_000);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onClose', async () => {
    redis.disconnect();
  });
  registerFailureLimit(fastify, redis, settings);
  await app.register(rateLimit as never, {
    global: true,
    max: settings.perMinute,
    timeWindow: 60_000,
    redis,
    nameSpace: `${settings.prefix}:rate-limit:`,
    skipOnError: true,
    keyGenerator: rateLimitKey,
    allowList: (request: FastifyRequest) => EXEMPT.test(request.url) || isSigned(request),
    // Thrown into Nest's error handler, which renders it in the common shape.
    errorResponseBuilder: () => new ApiError(429, 'rate_limited', 'Too many requests; retry after the time in Retry-After.'),
  });
}

/**
 * Signed routes (webhooks) count only the requests they reject. A ticketing system legitimately sends
 * hundreds of deliveries a second from one address, and each is authenticated (an HMAC, cheaper than
 * the Redis round trip a counter costs) before it touches the database; what must be stopped is an
 * address guessing signatures. So a rejection before authentication (401, 404, 413) increments the
 * address's shared counter, and once it is past the limit this process refuses that address with 429
 * until the window ends, valid deliveries included. Counted and blocked by client address only, never
 * by anything the client chooses (a made-up Authorization header once bought a fresh bucket).
 */
function registerFailureLimit(fastify: FastifyInstance, redis: Redis, settings: RateLimitSettings) {
  const blockedUntil = new Map<string, number>();
  fastify.addHook('onRequest', async (request, reply) => {
    if (blockedUntil.size === 0 || !isSigned(request)) return;
    const key = addressKey(request);
    const until = blockedUntil.get(key);
    if (until === undefined) return;
    const now = Date.now();
    if (until <= now) {
      blockedUntil.delete(key);
      return;
    }
    void reply.header('retry-after', Math.ceil((until - now) / 1000));
    throw new ApiError(429, 'rate_limited', 'Too many rejected deliveries; retry after the time in Retry-After.');
  });
  // onSend, not onResponse: the count is in Redis and the block in place before the client sees the
  // rejection, so its next request already meets them. Only rejected requests pay this round trip.
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!REJECTED_UNAUTHENTICATED.has(reply.statusCode) || !isSigned(request)) return payload;
    const key = addressKey(request);
    try {
      const counter = `${settings.prefix}:rate-limit:rejected:${key}`;
      const [, [, count], [, ttl]] = (await redis
        .multi()
        .set(counter, 0, 'PX', 60_000, 'NX')
        .incr(counter)
        .pttl(counter)
        .exec()) as [unknown, [unknown, number], [unknown, number]];
      if (count > settings.perMinute) {
        if (blockedUntil.size >= MAX_BLOCKED) blockedUntil.clear();
        blockedUntil.set(key, Date.now() + Math.max(1, ttl));
      }
    } catch {
      // Redis unreachable: the limit is skipped, as for every other route (skipOnError).
    }
    return payload;
  });
}

/** Answers given before the signature was accepted: bad signature or stale timestamp, unknown source, oversized body. */
const REJECTED_UNAUTHENTICATED = new Set([401, 404, 413]);

/** Addresses blocked at once in one process; past this the oldest blocks are forgotten (fail open, bounded memory). */
const MAX_BLOCKED = 10_000;

function waitReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
