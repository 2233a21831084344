import { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { ManualClock } from '@eea/config';
import { ERASED_TEXT, PseudonymService, RetentionService, SUBJECT_EXPORT_FORMAT } from '@eea/privacy';
import {
  TestApp,
  WEBHOOK_SECRETS,
  createTestApp,
  genericHeaders,
  seedAgent,
  seedOrganization,
  seedTicket,
  waitFor,
} from '@eea/testing';

const EMAIL = 'Dana.Subject@privacy-example.test';
const PHONE = '+49 30 5550 1234';
const OTHER_EMAIL = 'someone.else@privacy-example.test';
let delivery = 0;

/** Every value of every key under the prefix, as one string (BullMQ keeps job data in hashes, lists, sorted sets, streams). */
async function redisDump(redis: Redis, prefix: string): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? await redis.hgetall(key)
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'zset'
                  ? await redis.zrange(key, 0, -1)
                  : type === 'stream'
                    ? await redis.xrange(key, '-', '+')
                    : null;
      parts.push(key, JSON.stringify(value));
    }
    cursor = next;
  } while (cursor !== '0');
  return parts.join('\n');
}

/** Tables with a row whose text contains the needle. */
async function tablesContaining(dataSource: DataSource, needle: string): Promise<string[]> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const hits: string[] = [];
  for (const { name } of tables) {
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM "${name}" r WHERE strpos(lower(r::text), lower($1)) > 0`,
      [needle],
    );
    if (n > 0) hits.push(name);
  }
  return hits.sort();
}

describe('privacy: export, erasure, key rotation and retention', () => {
  let t: TestApp;
  let clock: ManualClock;
  let pseudonyms: string[];
  let agent: string;
  let otherTicket: string;
  const ticketIds: string[] = [];

  async function ingest(requester: Record<string, string>, severity = 1): Promise<string> {
    const body = JSON.stringify({
      deliveryId: `privacy-${++delivery}`,
      event: 'ticket.created',
      ticket: {
        externalId: `P-${delivery}`,
        organizationId: 'privacy-org',
        region: 'eu-west-1',
        severity,
        requester,
        updatedAt: new Date().toISOString(),
      },
    });
    const res = await t.request('POST', '/v1/webhooks/generic', {
      token: '',
      raw: body,
      headers: genericHeaders(WEBHOOK_SECRETS.generic, body),
    });
    expect(res.status).toBe(202);
    return res.body.ticketId;
  }

  beforeAll(async () => {
    clock = new ManualClock(new Date());
    t = await createTestApp({ clock });
    await seedOrganization(t, 'privacy-org', 'standard');
    agent = await seedAgent(t, { id: 'privacy-agent', country: 'IE' });
    ticketIds.push(await ingest({ name: 'Dana Subject', email: EMAIL, phone: PHONE }));
    // Lower severities: the agent's one claim below takes the first ticket.
    ticketIds.push(await ingest({ email: EMAIL.toLowerCase() }, 2));
    otherTicket = await ingest({ email: OTHER_EMAIL, phone: '+1 555 0100' }, 3);
    // Stored before the key rotation: its pseudonym is under k1, no longer the current key.
    const service = t.get(PseudonymService);
    const [, oldKey] = service.candidates('email', EMAIL);
    expect(oldKey).toMatch(/^k1:/);
    const legacy = await seedTicket(t, { organizationId: 'privacy-org', region: 'eu-west-1', severity: 2 });
    await t.get(DataSource).query('UPDATE tickets SET requester_email_hash = $1 WHERE id = $2', [oldKey, legacy]);
    ticketIds.push(legacy);
    pseudonyms = [...service.candidates('email', EMAIL), ...service.candidates('phone', PHONE)];
    await waitFor(async () => (await t.request('GET', `/v1/tickets/${ticketIds[0]}`)).body.status === 'queued');
    const claimed = await t.request('POST', '/v1/me/claims', { token: agent });
    expect(claimed.body.id).toBe(ticketIds[0]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('exports one versioned document with every ticket of the subject, found under old and new keys', async () => {
    const res = await t.request('POST', '/v1/privacy/export', { body: { email: EMAIL, phone: PHONE } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      format: SUBJECT_EXPORT_FORMAT,
      requestId: expect.any(String),
      subject: { matchedBy: ['email', 'phone'] },
    });
    expect(new Date(res.body.generatedAt).toISOString()).toBe(clock.now().toISOString());
    expect(res.body.tickets.map((x: { id: string }) => x.id).sort()).toEqual([...ticketIds].sort());
    const first = res.body.tickets.find((x: { id: string }) => x.id === ticketIds[0]);
    expect(first.matchedBy).toEqual(['email', 'phone']);
    expect(first.decisions[0]).toMatchObject({
      outcome: 'queued',
      policyVersion: expect.stringMatching(/^sha256:/),
      trace: expect.any(Array),
    });
    expect(first.accesses).toEqual([
      expect.objectContaining({ agentId: 'privacy-agent', country: 'IE', action: 'claim', at: expect.any(String) }),
    ]);
    expect(first.consents).toEqual([]);
    // The document names neither the identifiers nor their pseudonyms.
    for (const secret of [EMAIL.toLowerCase(), '5550', ...pseudonyms.map((p) => p.split(':')[1])])
      expect(res.text.toLowerCase()).not.toContain(secret);

    const byPhone = await t.request('POST', '/v1/privacy/export', { body: { phone: '+49-30-55501234' } });
    expect(byPhone.body.tickets.map((x: { id: string }) => x.id)).toEqual([ticketIds[0]]);
  });

  it('requires an identifier and keeps raw identifiers out of Redis and job data entirely', async () => {
    for (const body of [{}, { email: '' }, { phone: '  -  ' }]) {
      const res = await t.request('POST', '/v1/privacy/export', { body });
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
    const redis = new Redis(t.env.REDIS_URL);
    try {
      const dump = (await redisDump(redis, t.env.QUEUE_PREFIX)).toLowerCase();
      expect(dump).toContain(ticketIds[0]); // the scan does see job data
      for (const needle of [EMAIL.toLowerCase(), '55501234', 'dana', ...pseudonyms.map((p) => p.split(':')[1])])
        expect(dump).not.toContain(needle);
    } finally {
      redis.disconnect();
    }
    expect(await tablesContaining(t.get(DataSource), 'dana')).toEqual([]);
  });

  it('erases every link to the subject, keeps routing records, audits without identifiers, and is idempotent', async () => {
    const dataSource = t.get(DataSource);
    // Free text people typed about the subject's ticket (an escalation reason, consent evidence) and about another's.
    const manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'privacy-manager' } })).body
      .token as string;
    const escalated = await t.request('POST', `/v1/tickets/${ticketIds[0]}/escalations`, {
      token: agent,
      body: { country: 'US', reason: 'Dana asked for the US storage team' },
    });
    expect(escalated.status).toBe(409);
    const grant = (ticketId: string, evidence: string, consentRequestId?: string) =>
      t.request('POST', '/v1/consents', {
        token: manager,
        body: { ticketId, countries: ['US'], approvedBy: { name: 'Customer Lead', role: 'CISO' }, evidence, consentRequestId },
      });
    const consent = await grant(
      ticketIds[0],
      'Call with Dana on +49 30 5550 1234, she agreed',
      escalated.body.error.details[0].consentRequestId,
    );
    expect(consent.status).toBe(201);
    expect((await grant(otherTicket, 'Ticket of someone else: evidence kept')).status).toBe(201);
    expect(await tablesContaining(dataSource, 'dana')).toEqual(['consent_requests', 'consents']);
    // The subject sees the consent as the safeguard of a transfer, not the customer's records behind it.
    const exported = await t.request('POST', '/v1/privacy/export', { body: { email: EMAIL } });
    expect(exported.body.tickets.find((x: { id: string }) => x.id === ticketIds[0]).consents).toEqual([
      {
        id: consent.body.id,
        scope: 'ticket',
        countries: ['US'],
        grantedAt: consent.body.grantedAt,
        expiresAt: consent.body.expiresAt,
        revokedAt: null,
      },
    ]);
    for (const text of ['dana', 'customer lead', 'ciso']) expect(exported.text.toLowerCase()).not.toContain(text);

    for (const p of pseudonyms.slice(0, 1)) expect(await tablesContaining(dataSource, p)).toEqual(['tickets']);
    const erased = await t.request('POST', '/v1/privacy/erase', { body: { email: EMAIL, phone: PHONE } });
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toEqual({ tickets: 3, pseudonyms: 4, freeTexts: 2 });
    expect(await tablesContaining(dataSource, 'dana')).toEqual([]);
    // The consent stays in force and on record (who, which countries, until when); only its words are gone.
    expect(
      await dataSource.query('SELECT countries, evidence, approved_by_name, revoked_at FROM consents WHERE id = $1', [
        consent.body.id,
      ]),
    ).toEqual([{ countries: ['US'], evidence: ERASED_TEXT, approved_by_name: 'Customer Lead', revoked_at: null }]);
    expect(await tablesContaining(dataSource, 'someone else: evidence kept')).toEqual(['consents']);

    for (const p of pseudonyms) expect([p, await tablesContaining(dataSource, p.split(':')[1])]).toEqual([p, []]);
    const after = await t.request('POST', '/v1/privacy/export', { body: { email: EMAIL, phone: PHONE } });
    expect(after.body).toMatchObject({ subject: { matchedBy: [] }, tickets: [] });
    // Non-personal routing and audit records stay.
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM decisions WHERE ticket_id = ANY($1)', [ticketIds]);
    expect(n).toBeGreaterThanOrEqual(3);
    expect((await t.request('GET', `/v1/tickets/${ticketIds[0]}`)).status).toBe(200);
    const other = await t.request('POST', '/v1/privacy/export', { body: { email: OTHER_EMAIL } });
    expect(other.body.tickets).toHaveLength(1);

    const again = await t.request('POST', '/v1/privacy/erase', { body: { email: EMAIL } });
    expect(again.body.erased).toEqual({ tickets: 0, pseudonyms: 0, freeTexts: 0 });

    const audit = await t.request(
      'GET',
      `/v1/audit?from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}`,
    );
    const entries = (audit.body.items as { action: string; details: Record<string, unknown> }[]).filter((e) =>
      e.action.startsWith('privacy.'),
    );
    expect(entries.map((e) => e.action)).toEqual([
      'privacy.exported',
      'privacy.exported',
      'privacy.exported',
      'privacy.erased',
      'privacy.exported',
      'privacy.exported',
      'privacy.erased',
    ]);
    expect(entries[3].details).toMatchObject({ tickets: 3, pseudonyms: 4, freeTexts: 2 });
    expect(await tablesContaining(dataSource, EMAIL)).toEqual([]);
    expect(await tablesContaining(dataSource, 'privacy-example')).toEqual([]);
  });

  it('purges pseudonyms of tickets resolved longer ago than RETENTION_DAYS, and nothing else', async () => {
    const dataSource = t.get(DataSource);
    const fresh = await ingest({ email: 'retained@privacy-example.test' });
    const old = await ingest({ email: 'expired@privacy-example.test' });
    const open = await ingest({ email: 'open@privacy-example.test' });
    // Routing is asynchronous: let it record its decisions before the tickets are resolved.
    await waitFor(
      async () => {
        const [{ n }] = await dataSource.query(
          `SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1) AND status = 'received'`,
          [[fresh, old, open]],
        );
        return n === 0;
      },
      10_000,
      'tickets routed',
    );
    const resolvedAt = new Date(clock.now().getTime() - 400 * 86_400_000);
    await dataSource.query(`UPDATE tickets SET status = 'resolved', assignee_id = NULL, resolved_at = $2 WHERE id = $1`, [
      old,
      resolvedAt,
    ]);
    await dataSource.query(`UPDATE tickets SET status = 'resolved', assignee_id = NULL, resolved_at = $2 WHERE id = $1`, [
      fresh,
      clock.now(),
    ]);
    await dataSource.query(`UPDATE tickets SET waiting_since = $2 WHERE id = $1`, [open, resolvedAt]);

    expect(await t.get(RetentionService).purge()).toBe(1);
    const hashes = async () =>
      Object.fromEntries(
        (
          await dataSource.query('SELECT id, requester_email_hash AS h FROM tickets WHERE id = ANY($1)', [[fresh, old, open]])
        ).map((r: { id: string; h: string | null }) => [r.id, r.h !== null]),
      );
    expect(await hashes()).toEqual({ [fresh]: true, [old]: false, [open]: true });

    clock.advance(366 * 86_400_000);
    expect(await t.get(RetentionService).purge()).toBe(1);
    expect(await hashes()).toEqual({ [fresh]: false, [old]: false, [open]: true });
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM decisions WHERE ticket_id = ANY($1)', [[fresh, old]]);
    expect(n).toBeGreaterThanOrEqual(2);
  });
});
