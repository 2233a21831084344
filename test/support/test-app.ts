import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { Clock } from '@eea/config';
import { createHttpApp } from '@eea/http';
import { AppModule } from '../../apps/shared/app.module';
import { ADMIN_TOKEN, isolatedEnv } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  env: Record<string, string>;
  baseUrl: string;
  /** Everything the app logged, as raw JSON lines. */
  logs: string[];
  request(
    method: string,
    url: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<TestResponse>;
  get<T>(type: abstract new (...args: never[]) => T): T;
  /** Stops the app and drops its database and Redis keys (unless kept for a second app). */
  close(options?: { keepEnvironment?: boolean }): Promise<void>;
}

export interface TestResponse {
  status: number;
  body: any;
  text: string;
  headers: Record<string, unknown>;
}

/** Boots the real application (API and worker by default) against real PostgreSQL and Redis. */
export async function createTestApp(
  options: { api?: boolean; worker?: boolean; env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestApp> {
  // Given DATABASE_URL and QUEUE_PREFIX, a second app joins the first one's environment.
  const env = isolatedEnv(options.env);
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const module = AppModule.register({
    api: options.api ?? true,
    worker: options.worker ?? true,
    env,
    logDestination: destination as never,
    clock: options.clock,
  });
  const app = await createHttpApp(module, { trustProxy: false, docs: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    env,
    logs,
    baseUrl,
    async request(method, url, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let payload: string | undefined = opts.raw;
      if (opts.body !== undefined) {
        payload = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      } else if (payload !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(baseUrl + url, { method, headers, body: payload });
      const text = await res.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return { status: res.status, body, text, headers: Object.fromEntries(res.headers.entries()) };
    },
    get: (type) => app.get(type as never, { strict: false }),
    async close(closeOptions = {}) {
      await app.close();
      if (!closeOptions.keepEnvironment) await dropEnvironment(env);
    },
  };
}

/** Drops the test file's database and Redis keys. */
export async function dropEnvironment(env: Record<string, string>): Promise<void> {
  const url = new URL(env.DATABASE_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const pg = new Client({ connectionString: url.toString() });
  await pg.connect();
  await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await pg.end();
  const redis = new Redis(env.REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.QUEUE_PREFIX}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
