import { DataSource } from 'typeorm';
import { TestApp, WEBHOOK_SECRETS, createTestApp, genericHeaders, jiraHeaders, waitFor, zendeskHeaders } from '@eea/testing';
import { genericTicket, jiraIssue, sendGeneric, sendJira, sendZendesk, zendeskTicket } from './intake-helpers';

const UNAUTHENTICATED = { error: { code: 'unauthenticated', message: expect.any(String), details: [] } };

describe('webhook intake: signatures, validation, idempotency, routing', () => {
  let t: TestApp;
  let db: DataSource;
  const now = () => Math.floor(Date.now() / 1000);
  const count = async (sql: string, params: unknown[]) => Number((await db.query(sql, params))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    db = t.get(DataSource);
    expect((await t.request('PUT', '/v1/organizations/acme', { body: { name: 'Acme', supportTier: 'standard' } })).status).toBe(
      200,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  describe('generic signatures', () => {
    it('accepts the current and the old rotated secret', async () => {
      for (const secret of [WEBHOOK_SECRETS.generic, WEBHOOK_SECRETS.genericOld]) {
        const res = await sendGeneric(t, genericTicket(), secret);
        expect(res.status).toBe(202);
        expect(res.body).toEqual({ ticketId: expect.any(String), status: 'received', duplicate: false });
      }
    });

    it('rejects wrong secrets, tampered bodies, stale or future timestamps and missing headers alike', async () => {
      const raw = JSON.stringify(genericTicket());
      const cases: Array<Record<string, string>> = [
        genericHeaders('not-the-secret', raw),
        genericHeaders(WEBHOOK_SECRETS.generic, raw.replace('"severity":2', '"severity":1')),
        // Beyond 300 s by more than the seconds a loaded machine may take to send them (exact bounds: unit tests).
        genericHeaders(WEBHOOK_SECRETS.generic, raw, now() - 305),
        genericHeaders(WEBHOOK_SECRETS.generic, raw, now() + 305),
        { 'content-type': 'application/json' },
        { 'x-signature': 'garbage', 'content-type': 'application/json' },
        {
          'x-signature': genericHeaders(WEBHOOK_SECRETS.generic, raw)['x-signature'].replace(/v1=.*/, 'v1=abc'),
          'content-type': 'application/json',
        },
      ];
      for (const headers of cases) {
        const res = await t.request('POST', '/v1/webhooks/generic', { token: '', raw, headers });
        expect(res.status).toBe(401);
        expect(res.body).toEqual(UNAUTHENTICATED);
      }
      expect((await sendGeneric(t, JSON.parse(raw), WEBHOOK_SECRETS.generic, now() - 290)).status).toBe(202);
    });

    it('checks the signature before looking at the body', async () => {
      const res = await t.request('POST', '/v1/webhooks/generic', {
        token: '',
        raw: '{not json',
        headers: genericHeaders('wrong', '{not json'),
      });
      expect(res.status).toBe(401);
      expect((await t.request('POST', '/v1/webhooks/generic', { token: '', raw: '[1,2]' })).status).toBe(401);
    });

    it('answers 404 for an unknown source', async () => {
      const raw = JSON.stringify(genericTicket());
      const res = await t.request('POST', '/v1/webhooks/freshdesk', {
        token: '',
        raw,
        headers: genericHeaders(WEBHOOK_SECRETS.generic, raw),
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });
  });

  describe('zendesk and jira signatures', () => {
    it("accepts Zendesk's scheme and rejects wrong secret, tampering, stale and future timestamps, missing headers", async () => {
      expect((await sendZendesk(t, zendeskTicket())).status).toBe(202);
      const raw = JSON.stringify(zendeskTicket());
      const good = zendeskHeaders(WEBHOOK_SECRETS.zendesk, raw, 'inv-1');
      const cases = [
        zendeskHeaders('wrong', raw, 'inv-1'),
        zendeskHeaders(WEBHOOK_SECRETS.zendesk, raw.replace('High', 'Urgent'), 'inv-1'),
        zendeskHeaders(WEBHOOK_SECRETS.zendesk, raw, 'inv-1', new Date(Date.now() - 301_000)),
        zendeskHeaders(WEBHOOK_SECRETS.zendesk, raw, 'inv-1', new Date(Date.now() + 301_000)),
        { ...good, 'x-zendesk-webhook-signature-timestamp': new Date(Date.now() - 1000).toISOString() },
        { 'x-zendesk-webhook-invocation-id': 'inv-1', 'content-type': 'application/json' },
      ];
      for (const headers of cases)
        expect((await t.request('POST', '/v1/webhooks/zendesk', { token: '', raw, headers })).status).toBe(401);
    });

    it("accepts Jira's scheme and rejects wrong secret, tampering and missing headers", async () => {
      expect((await sendJira(t, jiraIssue())).status).toBe(202);
      const raw = JSON.stringify(jiraIssue());
      const cases = [
        jiraHeaders('wrong', raw, 'd-1'),
        jiraHeaders(WEBHOOK_SECRETS.jira, raw.replace('Medium', 'Highest'), 'd-1'),
        { 'x-atlassian-webhook-identifier': 'd-1', 'content-type': 'application/json' },
        { ...jiraHeaders(WEBHOOK_SECRETS.jira, raw, 'd-1'), 'x-hub-signature': 'sha1=00' },
      ];
      for (const headers of cases)
        expect((await t.request('POST', '/v1/webhooks/jira', { token: '', raw, headers })).status).toBe(401);
    });

    it('maps Zendesk and Jira payloads, ignoring fields they do not need', async () => {
      const z = await sendZendesk(t, {
        ticket: { ...zendeskTicket({ priority: 'URGENT', region: ' EU-West-1 ' }).ticket, via: { channel: 'web' } },
        extra: 1,
      });
      expect(z.status).toBe(202);
      const zt = (await t.request('GET', `/v1/tickets/${z.body.ticketId}`)).body;
      expect(zt).toMatchObject({ source: 'zendesk', severity: 1, region: 'eu-west-1', organizationId: 'acme' });
      const j = await sendJira(
        t,
        jiraIssue({ priority: { name: 'Lowest' }, labels: ['org:acme', 'region:us-east-1', 'skill:voice'], watches: {} }),
      );
      const jt = (await t.request('GET', `/v1/tickets/${j.body.ticketId}`)).body;
      expect(jt).toMatchObject({ source: 'jira', severity: 4, region: 'us-east-1', skills: ['voice'], organizationId: 'acme' });
    });
  });

  describe('bodies', () => {
    it('rejects unknown fields on generic, naming each bad field', async () => {
      const body = genericTicket({ severity: 7, colour: 'red' });
      (body as Record<string, unknown>).extra = true;
      const res = await sendGeneric(t, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      // Unknown keys are named by path, not echoed (they may be anything, an email address included).
      expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
        '<unknown key>',
        'ticket.<unknown key>',
        'ticket.severity',
      ]);
    });

    it('answers 400, never 5xx, to hostile bodies, and 413 above 256 KiB', async () => {
      const hostile = [
        '[]',
        '"a string"',
        '42',
        'null',
        '{"deliveryId":',
        '',
        '{"__proto__":{"polluted":true},"deliveryId":"x","event":"ticket.created"}',
        JSON.stringify(genericTicket({ constructor: { prototype: { x: 1 } } })),
        // Numbers beyond what JSON readers can hold are the point of these two bodies.
        // eslint-disable-next-line no-loss-of-precision
        JSON.stringify(genericTicket({ severity: 1e400 })).replace('null', '1e400'),
        // eslint-disable-next-line no-loss-of-precision
        JSON.stringify(genericTicket({ severity: 99999999999999999999999 })),
        JSON.stringify({ ...genericTicket(), ticket: 'nope' }),
        JSON.stringify({ ...genericTicket(), ticket: [1, 2] }),
        JSON.stringify(genericTicket({ requester: 'x' })),
        JSON.stringify(genericTicket({ updatedAt: 'yesterday' })),
        '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
      ];
      for (const raw of hostile) {
        const res = await sendGeneric(t, raw);
        expect([res.status, raw.slice(0, 40)]).toEqual([400, raw.slice(0, 40)]);
        expect(res.body.error.code).toBe('validation_failed');
      }
      for (const raw of [
        '[]',
        '{"ticket":{"priority":"whenever","id":{"a":1}}}',
        '{"ticket":{"id":1e400}}',
        '{"__proto__":{}}',
      ]) {
        expect((await sendZendesk(t, raw)).status).toBe(400);
        expect((await sendJira(t, raw)).status).toBe(400);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const huge = JSON.stringify(genericTicket({ subject: 'x'.repeat(300 * 1024) }));
      const res = await sendGeneric(t, huge);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('payload_too_large');
    });
  });

  describe('idempotency', () => {
    it('answers 20 concurrent copies of one delivery with one ticket and one first answer', async () => {
      const body = genericTicket();
      const answers = await Promise.all(Array.from({ length: 20 }, () => sendGeneric(t, body)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
      expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
      expect(new Set(answers.map((a) => a.body.ticketId)).size).toBe(1);
      expect(await count('SELECT count(*) n FROM tickets WHERE external_id = $1', [body.ticket.externalId])).toBe(1);
      const again = await sendGeneric(t, body);
      expect(again.body).toEqual({ ...answers.find((a) => !a.body.duplicate)!.body, duplicate: true });
    });

    it('creates one ticket from concurrent deliveries of the same externalId', async () => {
      const externalId = 'SAME-EXTERNAL-1';
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => sendGeneric(t, genericTicket({ externalId, severity: (i % 4) + 1 }))),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(202));
      expect(answers.every((a) => a.body.duplicate === false)).toBe(true);
      expect(new Set(answers.map((a) => a.body.ticketId)).size).toBe(1);
      expect(await count('SELECT count(*) n FROM tickets WHERE external_id = $1', [externalId])).toBe(1);
      expect(await count('SELECT count(*) n FROM webhook_deliveries WHERE ticket_id = $1', [answers[0].body.ticketId])).toBe(12);
    });

    it('ignores an update older than the stored one, and applies newer ones', async () => {
      const externalId = 'ORDER-1';
      const created = await sendGeneric(t, genericTicket({ externalId, severity: 3, updatedAt: '2026-01-05T10:00:00Z' }));
      const stale = await sendGeneric(
        t,
        genericTicket({ externalId, severity: 1, updatedAt: '2026-01-05T09:00:00Z' }, 'ticket.updated'),
      );
      expect(stale.status).toBe(202);
      expect(stale.body.ticketId).toBe(created.body.ticketId);
      expect((await t.request('GET', `/v1/tickets/${created.body.ticketId}`)).body.severity).toBe(3);
      await sendGeneric(t, genericTicket({ externalId, severity: 2, updatedAt: '2026-01-05T11:00:00Z' }, 'ticket.updated'));
      expect((await t.request('GET', `/v1/tickets/${created.body.ticketId}`)).body.severity).toBe(2);
      expect(await count('SELECT count(*) n FROM webhook_deliveries WHERE ticket_id = $1', [created.body.ticketId])).toBe(3);
    });
  });

  describe('routing', () => {
    it('routes a new ticket through the worker', async () => {
      const res = await sendGeneric(t, genericTicket({ severity: 1 }));
      const routed = await waitFor(
        async () => {
          const tk = (await t.request('GET', `/v1/tickets/${res.body.ticketId}`)).body;
          return tk.status !== 'received' && tk;
        },
        10_000,
        'ticket routed',
      );
      expect(routed).toMatchObject({ status: 'queued', jurisdiction: 'EEA', regionCountry: 'IE', tier: 'standard' });
    });

    it('accepts an unknown region, flags it and routes it with the EEA-only set', async () => {
      const res = await sendGeneric(t, genericTicket({ region: 'mars-north-1', severity: 1 }));
      expect(res.status).toBe(202);
      const stored = (await t.request('GET', `/v1/tickets/${res.body.ticketId}`)).body;
      expect(stored).toMatchObject({ jurisdiction: 'UNKNOWN', regionCountry: null, tier: 'eea_only' });
      expect(stored.flags).toContain('unknown_region');
      const routed = await waitFor(
        async () => {
          const tk = (await t.request('GET', `/v1/tickets/${res.body.ticketId}`)).body;
          return ['queued', 'deferred'].includes(tk.status) && tk;
        },
        10_000,
        'unknown region routed',
      );
      const eeaOnly = (await t.request('GET', '/v1/policy')).body.tiers.eea_only.allowedCountries;
      expect([...routed.allowedCountries].sort()).toEqual([...eeaOnly].sort());
      expect(routed.allowedCountries).not.toContain('IN');
    });

    it('resolves on ticket.closed (all sources)', async () => {
      const g = genericTicket({ updatedAt: '2026-01-05T10:00:00Z' });
      const created = await sendGeneric(t, g);
      const closed = await sendGeneric(
        t,
        genericTicket({ externalId: g.ticket.externalId, updatedAt: '2026-01-05T10:05:00Z' }, 'ticket.closed'),
      );
      expect(closed.body).toMatchObject({ ticketId: created.body.ticketId, status: 'resolved' });
      expect((await t.request('GET', `/v1/tickets/${created.body.ticketId}`)).body.status).toBe('resolved');
      const z = zendeskTicket();
      await sendZendesk(t, z);
      expect(
        (await sendZendesk(t, { ticket: { ...z.ticket, status: 'Solved', updated_at: '2026-01-05T10:01:00Z' } })).body.status,
      ).toBe('resolved');
      const j = jiraIssue();
      await sendJira(t, j);
      const resolved = {
        ...j,
        timestamp: j.timestamp + 1000,
        webhookEvent: 'jira:issue_updated',
        issue: {
          ...j.issue,
          fields: { ...j.issue.fields, resolution: { name: 'Done' }, updated: '2026-01-05T10:05:00.000+0000' },
        },
      };
      expect((await sendJira(t, resolved)).body.status).toBe('resolved');
    });

    it('re-routes when severity changes', async () => {
      const g = genericTicket({ severity: 3, updatedAt: '2026-01-05T10:00:00Z' });
      const { body } = await sendGeneric(t, g);
      await waitFor(async () => (await t.request('GET', `/v1/tickets/${body.ticketId}`)).body.status !== 'received', 10_000);
      const decisions = async () => (await t.request('GET', `/v1/tickets/${body.ticketId}/decisions`)).body.items.length;
      const before = await decisions();
      await sendGeneric(
        t,
        genericTicket({ externalId: g.ticket.externalId, severity: 1, updatedAt: '2026-01-05T10:01:00Z' }, 'ticket.updated'),
      );
      await waitFor(async () => (await decisions()) > before, 10_000, 're-routing decision');
      expect((await t.request('GET', `/v1/tickets/${body.ticketId}`)).body.severity).toBe(1);
    });

    it('counts deliveries by source and result', async () => {
      const metrics = (await t.request('GET', '/metrics')).text;
      expect(metrics).toMatch(/eea_router_webhooks_total\{source="generic",result="accepted"\} \d+/);
      expect(metrics).toMatch(/eea_router_webhooks_total\{source="generic",result="unauthenticated"\} \d+/);
      expect(metrics).toMatch(/eea_router_webhooks_total\{source="generic",result="duplicate"\} \d+/);
    });
  });
});
