import { Redis, RedisOptions } from 'ioredis';

/**
 * BullMQ needs maxRetriesPerRequest: null on blocking connections; producers fail fast instead
 * so that an API call never hangs on a Redis outage.
 */
export function createRedis(url: string, role: 'producer' | 'worker'): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 };
  return new Redis(url, { ...options, lazyConnect: false, retryStrategy: (times) => Math.min(times * 200, 2_000) });
}

/** BullMQ loses jobs silently when Redis evicts keys: refuse to start on any other policy. */
export async function assertNoEviction(redis: Redis): Promise<void> {
  const info = await redis.info('memory');
  const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1];
  if (policy !== 'noeviction') {
    throw new Error(
      `Redis maxmemory-policy is "${policy ?? 'unknown'}"; eea-router requires "noeviction" ` +
        '(set it with: redis-cli CONFIG SET maxmemory-policy noeviction, and in redis.conf)',
    );
  }
}
