import { Client } from 'pg';
import { Redis } from 'ioredis';
import { assertNoEviction } from '@eea/queue';

/** A start-up check failed: `message` is the one line the operator reads. */
export class StartupError extends Error {}

/** host:port/database of a URL, never its credentials. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? '6379' : '5432')}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return '(unparsable URL)';
  }
}

const PAUSE_MS = 500;
const pause = () => new Promise((r) => setTimeout(r, PAUSE_MS));

/** Errors that waiting will not cure: stop at once. Codes from PostgreSQL (auth, role) and Redis (auth). */
const FINAL_PG = new Set(['28P01', '28000', '3D000']);

/**
 * Waits until PostgreSQL accepts a connection or `deadline` passes. A missing database counts as
 * reachable (start-up creates it).
 */
export async function waitForPostgres(url: string, deadline: number): Promise<void> {
  let last = 'no answer';
  // At least one attempt, however late: the deadline may pass while the code loads.
  for (let first = true; first || Date.now() < deadline; first = false) {
    const client = new Client({
      connectionString: url,
      connectionTimeoutMillis: Math.max(500, Math.min(5_000, deadline - Date.now())),
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (e) {
      const err = e as Error & { code?: string };
      await client.end().catch(() => undefined);
      if (err.code === '3D000') return;
      last = oneLine(err);
      if (err.code && FINAL_PG.has(err.code)) break;
    }
    if (Date.now() < deadline) await pause();
  }
  throw new StartupError(`Cannot reach PostgreSQL at DATABASE_URL (${describeUrl(url)}): ${last}. Start it or fix DATABASE_URL.`);
}

/** Waits until Redis answers (and checks its eviction policy) or `deadline` passes. */
export async function waitForRedis(url: string, deadline: number): Promise<void> {
  let last = 'no answer';
  for (let first = true; first || Date.now() < deadline; first = false) {
    const redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: Math.max(500, Math.min(5_000, deadline - Date.now())),
    });
    // The socket's own error says why (refused, unknown host); connect() then only says the connection closed.
    let cause: Error | undefined;
    redis.on('error', (e: Error) => {
      cause ??= e;
    });
    try {
      await redis.connect();
      await assertNoEviction(redis);
      return;
    } catch (e) {
      const err = cause ?? (e as Error);
      if (/maxmemory-policy/.test(err.message)) throw new StartupError(`${err.message} (REDIS_URL ${describeUrl(url)})`);
      last = oneLine(err);
      if (/NOAUTH|WRONGPASS|invalid password/i.test(err.message)) break;
    } finally {
      redis.disconnect();
    }
    if (Date.now() < deadline) await pause();
  }
  throw new StartupError(`Cannot reach Redis at REDIS_URL (${describeUrl(url)}): ${last}. Start it or fix REDIS_URL.`);
}

function oneLine(e: Error & { code?: string }): string {
  const text = (e.message || e.code || e.name).split('\n')[0];
  return text === 'Connection is closed.' ? 'connection closed' : text;
}
