import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { PseudonymService } from '@eea/privacy';
import { QueueService } from '@eea/queue';
import { Clock } from '@eea/config';
import { RoutingRequestsDue } from '@eea/routing';
import { TestApp, createTestApp, waitFor } from '@eea/testing';
import { genericTicket, jiraIssue, sendGeneric, sendJira, sendZendesk, zendeskTicket } from './intake-helpers';

describe('webhook intake: personal data, Redis and PostgreSQL outages', () => {
  let t: TestApp;
  let db: DataSource;
  const ticket = async (id: string) => (await t.request('GET', `/v1/tickets/${id}`)).body;
  const routed = (id: string) => waitFor(async () => (await ticket(id)).status !== 'received', 10_000, 'ticket routed');

  // debug level: the more the service logs, the more the canary check covers.
  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'debug' } });
    db = t.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps subject, names, emails and phones out of every table, Redis key and log line', async () => {
    const tag = randomBytes(6).toString('hex');
    const canary = {
      subject: `CanarySubject${tag}`,
      name: `CanaryName${tag}`,
      email: `Canary.${tag}@Example.com`,
      phone: `+49 151 ${parseInt(tag, 16) % 1e9}`,
    };
    const phoneDigits = canary.phone.replace(/\D/g, '');
    const requester = { name: canary.name, email: canary.email, phone: canary.phone };
    const ids = [
      (await sendGeneric(t, genericTicket({ subject: canary.subject, requester }))).body.ticketId,
      (await sendZendesk(t, zendeskTicket({ subject: canary.subject, description: canary.subject, requester }))).body.ticketId,
      (
        await sendJira(
          t,
          jiraIssue({
            summary: canary.subject,
            description: canary.subject,
            reporter: { displayName: canary.name, emailAddress: canary.email, phone: canary.phone },
          }),
        )
      ).body.ticketId,
    ];
    for (const id of ids) await routed(id);

    const needles = [canary.subject, canary.name, canary.email, canary.email.toLowerCase(), phoneDigits, canary.phone].map((s) =>
      s.toLowerCase(),
    );
    const found = (where: string, text: string) =>
      needles.filter((n) => text.toLowerCase().includes(n)).map((n) => `${where}: ${n}`);
    const leaks: string[] = [];
    const tables: Array<{ table_name: string }> = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    for (const { table_name } of tables) {
      const rows: Array<{ j: string }> = await db.query(`SELECT row_to_json(x)::text AS j FROM "${table_name}" x`);
      for (const r of rows) leaks.push(...found(`table ${table_name}`, r.j));
    }
    for (const [key, value] of await redisDump(t.env.REDIS_URL, t.env.QUEUE_PREFIX)) leaks.push(...found(`redis ${key}`, value));
    for (const line of t.logs) leaks.push(...found('log', line));
    expect(leaks).toEqual([]);

    // What is stored instead: the current key's pseudonyms, which export and erasure can find.
    const pseudonyms = t.get(PseudonymService);
    const stored: Array<{ requester_email_hash: string; requester_phone_hash: string | null }> = await db.query(
      'SELECT requester_email_hash, requester_phone_hash FROM tickets WHERE id = ANY($1::uuid[])',
      [ids],
    );
    expect(stored.map((s) => s.requester_email_hash)).toEqual(Array(3).fill(pseudonyms.pseudonymise('email', canary.email)));
    expect(stored.filter((s) => s.requester_phone_hash === pseudonyms.pseudonymise('phone', canary.phone))).toHaveLength(2);
    expect(stored[0].requester_email_hash).toMatch(/^k2:[0-9a-f]{64}$/);
  });

  it('acknowledges and commits while Redis is unreachable; the sweeper routes the ticket later', async () => {
    const queues = t.get(QueueService);
    queues.connection.disconnect();
    try {
      const res = await sendGeneric(t, genericTicket());
      expect(res.status).toBe(202);
      // Committed as `received`: the ticket itself is the durable routing request, no outbox row needed.
      expect((await ticket(res.body.ticketId)).status).toBe('received');
      expect(await db.query(`SELECT id FROM outbox WHERE payload->>'ticketId' = $1`, [res.body.ticketId])).toHaveLength(0);
      await queues.connection.connect();
      // The sweeper re-requests tickets left `received` for 10 s: age this one instead of waiting.
      await db.query(`UPDATE tickets SET updated_at = updated_at - interval '1 minute' WHERE id = $1`, [res.body.ticketId]);
      const swept = await t.get(RoutingRequestsDue).requestDue(t.get(Clock).now());
      expect(swept.unrouted).toBeGreaterThanOrEqual(1);
      await routed(res.body.ticketId);
    } finally {
      if (queues.connection.status !== 'ready') await queues.connection.connect().catch(() => undefined);
    }
  });

  it('answers 503 and acknowledges nothing while PostgreSQL refuses connections, then recovers', async () => {
    const name = new URL(t.env.DATABASE_URL).pathname.slice(1);
    const admin = new Client({ connectionString: t.env.DATABASE_URL.replace(`/${name}`, '/postgres') });
    await admin.connect();
    const body = genericTicket();
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        name,
      ]);
      const started = Date.now();
      const down = await sendGeneric(t, body);
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('unavailable');
      // Zendesk and Jira retry a 5xx; they are told when.
      expect(down.headers['retry-after']).toBe('30');
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    const count = async () =>
      Number((await db.query('SELECT count(*) n FROM webhook_deliveries WHERE delivery_id = $1', [body.deliveryId]))[0].n);
    expect(await waitFor(async () => (await count().catch(() => -1)) === 0, 5_000, 'database back')).toBe(true);
    const up = await sendGeneric(t, body);
    expect(up.status).toBe(202);
    expect(up.body.duplicate).toBe(false);
    await routed(up.body.ticketId);
  });
});

/** Every key under the prefix with its value rendered as text, whatever the Redis type. */
async function redisDump(url: string, prefix: string): Promise<Array<[string, string]>> {
  const redis = new Redis(url);
  const out: Array<[string, string]> = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      for (const key of keys) out.push([key, JSON.stringify(await redisValue(redis, key))]);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  expect(out.length).toBeGreaterThan(0);
  return out;
}

async function redisValue(redis: Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'string':
      return redis.get(key);
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'stream':
      return redis.xrange(key, '-', '+');
    default:
      return null;
  }
}
