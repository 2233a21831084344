import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
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

/** Probes must answer even under load: an orchestrator that cannot see health restarts a healthy process. */
const EXEMPT = /^\/health(\/|$|\?)/;

/**
 * The bucket of a request: the SHA-256 of its bearer token (never the token itself, which would put a
 * credential into Redis), else the client address (which honours TRUST_PROXY through request.ip).
 */
export function rateLimitKey(request: Pick<FastifyRequest, 'headers' | 'ip'>): string {
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  if (match) return `token:${createHash('sha256').update(match[1]).digest('hex')}`;
  return `ip:${request.ip}`;
}

/**
 * Redis-backed fixed-window limits (@fastify/rate-limit). When Redis is unreachable requests pass:
 * webhooks must still be accepted into PostgreSQL during a Redis outage (the outbox covers the rest).
 */
export async function registerRateLimit(app: NestFastifyApplication, settings: RateLimitSettings): Promise<void> {
  const redis = new Redis(settings.redisUrl, {
    maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Connection errors are expected during an outage; requests then skip the limit (skipOnError).
  redis.on('error', () => undefined);
  // Without this the first requests after start would pass uncounted (skipOnError while connecting).
  await waitReady(redis, 2_000);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onClose', async () => { redis.disconnect(); });
  await app.register(rateLimit as never, {
    global: true,
    max: settings.perMinute,
    timeWindow: 60_000,
    redis,
    nameSpace: `${settings.prefix}:rate-limit:`,
    skipOnError: true,
    keyGenerator: rateLimitKey,
    allowList: (request: FastifyRequest) => EXEMPT.test(request.url),
    // Thrown into Nest's error handler, which renders it in the common shape.
    errorResponseBuilder: () => new ApiError(429, 'rate_limited', 'Too many requests; retry after the time in Retry-After.'),
  });
}

function waitReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    redis.once('ready', () => { clearTimeout(timer); resolve(); });
  });
}
