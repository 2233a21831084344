import { Client } from 'pg';
import { Redis } from 'ioredis';
import { PG_BASE } from './service';

/** A connected client on one database of the local PostgreSQL. */
export async function connect(database: string): Promise<Client> {
  const client = new Client({ connectionString: `${PG_BASE}/${database}` });
  await client.connect();
  return client;
}

async function onMaintenanceDb<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = await connect('postgres');
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops the script's own database (never another one: the name must start with eea_router_). */
export async function dropDatabase(name: string): Promise<void> {
  if (!/^eea_router_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  await onMaintenanceDb(async (c) => {
    await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      name,
    ]);
    await c.query(`DROP DATABASE IF EXISTS "${name}"`);
  });
}

/** A clean, empty database: the service creates the schema on start. */
export async function recreateDatabase(name: string): Promise<void> {
  await dropDatabase(name);
  await onMaintenanceDb((c) => c.query(`CREATE DATABASE "${name}"`));
}

/** Runs SQL on the maintenance database (ALTER DATABASE, pg_terminate_backend). */
export function maintenanceQuery(sql: string, params: unknown[] = []): Promise<unknown> {
  return onMaintenanceDb((c) => c.query(sql, params));
}

/** Deletes every Redis key under the script's queue prefix. */
export async function clearRedisPrefix(prefix: string, url = 'redis://127.0.0.1:6379'): Promise<number> {
  if (!/^eea-[a-z0-9-]+$/.test(prefix)) throw new Error(`refusing to clear prefix ${prefix}`);
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } catch {
    return 0;
  } finally {
    redis.disconnect();
  }
}
