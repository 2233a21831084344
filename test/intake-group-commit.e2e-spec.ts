import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TestApp, WEBHOOK_SECRETS, createTestApp, jiraHeaders, seedOrganization, waitFor, zendeskHeaders } from '@eea/testing';
import { NewTicketRow, insertNewTicketsWithDeliveries } from '@eea/tickets';
import { jiraFixture, zendeskFixture } from './fixtures';
import { genericTicket, sendGeneric } from './intake-helpers';

/**
 * Group commit at intake (docs/performance.md): concurrent new-ticket deliveries share one statement
 * and one commit. Every acknowledged delivery has its ticket and its delivery record, one ticket per
 * external id, and no delivery record ever commits without its ticket.
 */
describe('intake group commit', () => {
  let t: TestApp;
  let db: DataSource;
  const post = (source: string, raw: string, headers: Record<string, string>) =>
    t.request('POST', `/v1/webhooks/${source}`, { token: '', raw, headers });
  const rows = <T>(text: string, params: unknown[] = []): Promise<T[]> => db.query(text, params);
  const orphanDeliveries = async () =>
    (
      await rows<{ n: string }>(
        'SELECT count(*) n FROM webhook_deliveries d LEFT JOIN tickets t ON t.id = d.ticket_id WHERE t.id IS NULL',
      )
    )[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('acknowledges a burst of new, duplicate, replayed and colliding deliveries each with its own ticket and record', async () => {
    const sends: Array<{
      source: string;
      deliveryId: string;
      externalId: string;
      send: () => Promise<{ status: number; body: any }>;
    }> = [];
    // New tickets, some delivered two or three times under the same delivery id (the same signed body).
    for (let i = 0; i < 60; i++) {
      const body = genericTicket({ severity: (i % 4) + 1 });
      const raw = JSON.stringify(body);
      for (let copy = 0; copy <= i % 3; copy++) {
        sends.push({
          source: 'generic',
          deliveryId: body.deliveryId,
          externalId: body.ticket.externalId,
          send: () => sendGeneric(t, raw),
        });
      }
    }
    // The same external id under several delivery ids (an update racing its creation).
    for (let i = 0; i < 15; i++) {
      const externalId = `GC-SAME-${randomUUID()}`;
      for (let k = 0; k < 3; k++) {
        const body = genericTicket({ externalId, severity: k + 1 });
        sends.push({ source: 'generic', deliveryId: body.deliveryId, externalId, send: () => sendGeneric(t, body) });
      }
    }
    // Replays: the same signed Zendesk message, and the same Jira body, under new delivery ids.
    for (let i = 0; i < 15; i++) {
      const zRaw = JSON.stringify(zendeskFixture(930000 + i));
      const at = new Date();
      const jRaw = JSON.stringify(jiraFixture(String(940000 + i)));
      for (let k = 0; k < 2; k++) {
        const z = randomUUID();
        sends.push({
          source: 'zendesk',
          deliveryId: z,
          externalId: String(930000 + i),
          send: () => post('zendesk', zRaw, zendeskHeaders(WEBHOOK_SECRETS.zendesk, zRaw, z, at)),
        });
        const j = randomUUID();
        sends.push({
          source: 'jira',
          deliveryId: j,
          externalId: String(940000 + i),
          send: () => post('jira', jRaw, jiraHeaders(WEBHOOK_SECRETS.jira, jRaw, j)),
        });
      }
    }
    // Deliveries for tickets that already exist.
    const existing = await Promise.all(Array.from({ length: 10 }, () => sendGeneric(t, genericTicket())));
    for (const e of existing) {
      const [{ external_id }] = await rows<{ external_id: string }>('SELECT external_id FROM tickets WHERE id = $1', [
        e.body.ticketId,
      ]);
      const body = genericTicket({ externalId: external_id, severity: 1 });
      sends.push({ source: 'generic', deliveryId: body.deliveryId, externalId: external_id, send: () => sendGeneric(t, body) });
    }

    const answers = await Promise.all(sends.map((s) => s.send()));

    expect(answers.filter((a) => a.status !== 202).map((a) => a.status)).toEqual([]);
    const externalIds = [...new Set(sends.map((s) => `${s.source}:${s.externalId}`))];
    const tickets = await rows<{ id: string; key: string }>(
      `SELECT id, source || ':' || external_id AS key FROM tickets WHERE source || ':' || external_id = ANY($1::text[])`,
      [externalIds],
    );
    // One ticket per external id, and every answer names the ticket of its external id.
    expect(tickets.map((r) => r.key).sort()).toEqual(externalIds.sort());
    const ticketOf = new Map(tickets.map((r) => [r.key, r.id]));
    answers.forEach((a, k) => expect(a.body.ticketId).toBe(ticketOf.get(`${sends[k].source}:${sends[k].externalId}`)));
    // Every acknowledged delivery has its record pointing at that ticket (a replay's points at the first one's).
    const records = await rows<{ key: string; ticket_id: string }>(
      `SELECT source || ':' || delivery_id AS key, ticket_id FROM webhook_deliveries WHERE ticket_id = ANY($1::uuid[])`,
      [[...ticketOf.values()]],
    );
    const recordOf = new Map(records.map((r) => [r.key, r.ticket_id]));
    sends.forEach((s, k) => {
      const replay = answers[k].body.duplicate && !recordOf.has(`${s.source}:${s.deliveryId}`);
      if (!replay) expect(recordOf.get(`${s.source}:${s.deliveryId}`)).toBe(answers[k].body.ticketId);
    });
    // Each replayed message was recorded once, under its first delivery id.
    for (const source of ['zendesk', 'jira']) {
      const replayed = sends.filter((s) => s.source === source);
      expect(records.filter((r) => r.key.startsWith(`${source}:`))).toHaveLength(replayed.length / 2);
    }
    // Each distinct delivery was answered as new exactly once, except replays and copies.
    const firsts = answers.filter((a) => a.body.duplicate === false).length;
    expect(firsts).toBe(60 + 15 * 3 + 15 * 2 + 10);
    expect(await orphanDeliveries()).toBe('0');
    // Batches did form: records written by one statement share its transaction id.
    const [commits] = await rows<{ records: number; transactions: number }>(
      `SELECT count(*)::int AS records, count(DISTINCT xmin::text)::int AS transactions FROM webhook_deliveries
        WHERE source || ':' || delivery_id = ANY($1::text[])`,
      [sends.map((s) => `${s.source}:${s.deliveryId}`)],
    );
    expect(commits.transactions).toBeLessThan(commits.records);
    // Routed as usual: the routing job of a ticket created in a batch is sent after its commit.
    await waitFor(
      async () =>
        (await rows(`SELECT 1 FROM tickets WHERE id = ANY($1::uuid[]) AND status = 'received'`, [[...ticketOf.values()]]))
          .length === 0,
      20_000,
      'every ticket routed',
    );
  });

  describe('the multi-row statement', () => {
    const facts = { regionCountry: 'IE', jurisdiction: 'EEA', tier: 'standard', flags: [] as string[] };
    const row = (over: Partial<NewTicketRow> = {}): NewTicketRow => ({
      ticketId: randomUUID(),
      source: 'generic',
      deliveryId: randomUUID(),
      replayKey: null,
      externalId: `GC-ROW-${randomUUID()}`,
      externalKey: null,
      organizationId: 'acme',
      region: 'eu-west-1',
      severity: 3,
      category: null,
      skills: ['billing', 'de'],
      language: 'de',
      problemRef: null,
      flags: ['unknown_region'],
      sourceUpdatedAt: new Date(),
      sourceSentAt: null,
      receivedAt: new Date(),
      requesterEmailHash: null,
      requesterPhoneHash: null,
      requesterExternalHash: null,
      factsByTier: {
        unknown: { ...facts, regionCountry: null, jurisdiction: 'UNKNOWN', tier: 'eea_only' },
        standard: facts,
        eea_only: { ...facts, tier: 'eea_only' },
      },
      ...over,
    });
    const write = (batch: NewTicketRow[]) => insertNewTicketsWithDeliveries(db.manager, batch, 'unknown');
    const stored = (ids: string[]) =>
      rows<{ id: string; tier: string; skills: string[]; flags: string[] }>(
        'SELECT id, tier, jurisdiction, skills, flags FROM tickets WHERE id = ANY($1::uuid[])',
        [ids],
      );

    it('writes each row unless its delivery, message or ticket exists or an earlier row names it', async () => {
      const [old] = [row({ replayKey: `rk-${randomUUID()}` })];
      expect(await write([old])).toEqual([true]);
      await seedOrganization(t, 'gc-standard-org', 'standard');
      const fresh = row({ organizationId: 'gc-standard-org' });
      const batch = [
        fresh,
        row({ externalId: fresh.externalId }), // same ticket as an earlier row
        row({ deliveryId: fresh.deliveryId }), // same delivery as an earlier row
        row({ deliveryId: old.deliveryId }), // a repeated delivery
        row({ replayKey: old.replayKey }), // a replayed message
        row({ externalId: old.externalId }), // an existing ticket
        row({ organizationId: 'no-such-org' }),
      ];
      expect(await write(batch)).toEqual([true, false, false, false, false, false, true]);
      const written = await stored(batch.map((r) => r.ticketId));
      expect(written.map((w) => w.id).sort()).toEqual([fresh.ticketId, batch[6].ticketId].sort());
      expect(written.find((w) => w.id === fresh.ticketId)).toMatchObject({
        // The organisation's own tier: the statement picks the facts by its support tier.
        tier: 'standard',
        jurisdiction: 'EEA',
        skills: ['billing', 'de'],
        flags: ['unknown_region'],
      });
      expect(written.find((w) => w.id === batch[6].ticketId)).toMatchObject({ tier: 'eea_only', jurisdiction: 'UNKNOWN' });
      const deliveries = await rows<{ ticket_id: string }>(
        'SELECT ticket_id FROM webhook_deliveries WHERE ticket_id = ANY($1::uuid[])',
        [batch.map((r) => r.ticketId)],
      );
      expect(deliveries.map((d) => d.ticket_id).sort()).toEqual([fresh.ticketId, batch[6].ticketId].sort());
      expect(await orphanDeliveries()).toBe('0');
    });

    it('rolls the whole batch back when a concurrent creator commits one of its tickets first', async () => {
      const racing = row();
      const other = row();
      const creator = new Client({ connectionString: t.env.DATABASE_URL });
      await creator.connect();
      try {
        await creator.query('BEGIN');
        await creator.query(
          `INSERT INTO tickets (source, external_id, organization_id, jurisdiction, tier, severity, status, source_updated_at, waiting_since)
           VALUES ('generic', $1, 'acme', 'EEA', 'standard', 3, 'received', now(), now())`,
          [racing.externalId],
        );
        let settled = false;
        const batch = write([other, racing]).then(
          () => 'written',
          (e: { code?: string; message: string }) => e.code ?? e.message,
        );
        void batch.finally(() => (settled = true));
        await waitFor(
          async () =>
            settled ||
            (await rows(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`))
              .length > 0,
          5_000,
          'the batch waits for the concurrent creator',
        );
        await creator.query('COMMIT');
        // Which row met the creator is unknown to the caller: the batcher writes each again on its own.
        expect(await batch).toBe('23505');
        expect(await stored([other.ticketId, racing.ticketId])).toEqual([]);
        expect(await write([other])).toEqual([true]);
        expect(await write([racing])).toEqual([false]);
        expect(await orphanDeliveries()).toBe('0');
      } finally {
        await creator.end();
      }
    });
  });
});
