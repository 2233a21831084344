import { createHmac } from 'node:crypto';
import { AddressInfo, Server } from 'node:net';
import { createServer } from 'node:http';
import { DataSource } from 'typeorm';
import { DURABLE_RERELAY_MS, OutboxService, QueueService } from '@eea/queue';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket, waitFor } from '@eea/testing';

interface Received {
  type: string;
  data: Record<string, unknown>;
  id: string;
  signatureValid: boolean;
}

const SECRET = 'outbound-secret-for-tests';

/** A ticketing system's event endpoint that fails its first `failures` deliveries, or all while `down`. */
function eventSink(failures: number) {
  const received: Received[] = [];
  let attempts = 0;
  let down = false;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      attempts += 1;
      if (attempts <= failures || down) {
        res.writeHead(503).end();
        return;
      }
      const [t, v1] = String(req.headers['x-signature'])
        .split(',')
        .map((p) => p.split('=')[1]);
      const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
      received.push({ ...JSON.parse(body), signatureValid: v1 === expected && Math.abs(Date.now() / 1000 - Number(t)) < 300 });
      res.writeHead(204).end();
    });
  });
  return {
    server,
    received,
    attempts: () => attempts,
    setDown: (value: boolean) => {
      down = value;
    },
  };
}

describe('events out (OUTBOUND_WEBHOOK_URL)', () => {
  const sink = eventSink(2);
  let t: TestApp;

  beforeAll(async () => {
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    const { port } = (sink.server as unknown as Server).address() as AddressInfo;
    t = await createTestApp({
      env: { OUTBOUND_WEBHOOK_URL: `http://127.0.0.1:${port}/events`, OUTBOUND_WEBHOOK_SECRET: SECRET },
    });
    await seedOrganization(t, 'std', 'standard');
  });
  afterAll(async () => {
    await t.close();
    sink.server.close();
  });

  /** Outbound event rows still in the outbox. */
  const outboxEvents = async (): Promise<Array<{ jobId: string; ticketId: string; relayed: boolean }>> =>
    t
      .get(DataSource)
      .query(
        `SELECT job_id AS "jobId", payload->'data'->>'ticketId' AS "ticketId", relayed_at IS NOT NULL AS relayed FROM outbox WHERE job_name = 'deliver-event'`,
      );

  it('delivers signed ticket events at least once, retrying failures with backoff, without personal data', async () => {
    const ticketId = await seedTicket(t, { organizationId: 'std', region: 'eu-west-1', severity: 2 });
    const agentToken = await seedAgent(t, { id: 'ev-de', country: 'DE' });
    expect((await t.request('POST', '/v1/me/claims', { token: agentToken })).status).toBe(200);
    await waitFor(async () => sink.received.some((e) => e.type === 'ticket.assigned'), 20_000, 'assigned event');
    const forTicket = sink.received.filter((e) => e.data.ticketId === ticketId);
    expect(forTicket.map((e) => e.type)).toEqual(expect.arrayContaining(['ticket.queued', 'ticket.assigned']));
    expect(sink.received.every((e) => e.signatureValid)).toBe(true);
    expect(sink.attempts()).toBeGreaterThan(sink.received.length);
    expect(forTicket.find((e) => e.type === 'ticket.assigned')!.data).toMatchObject({ assigneeId: 'ev-de', agentCountry: 'DE' });
    expect(new Set(sink.received.map((e) => e.id)).size).toBe(sink.received.length);
    // Delivered events leave nothing behind in the outbox.
    await waitFor(async () => (await outboxEvents()).length === 0, 10_000, 'delivered events settled');
  });

  it('delivers an event whose job Redis lost while it was retrying, once the sweeper relays it again', async () => {
    sink.setDown(true);
    const ticketId = await seedTicket(t, { organizationId: 'std', region: 'eu-west-1', severity: 3 });
    // The event is kept in the outbox while its delivery fails and retries.
    const [row] = await waitFor(
      async () => {
        const rows = (await outboxEvents()).filter((r) => r.ticketId === ticketId && r.relayed);
        return rows.length > 0 && rows;
      },
      10_000,
      'queued event relayed and kept',
    );
    const attempted = sink.attempts();
    await waitFor(async () => sink.attempts() > attempted, 10_000, 'a failed delivery attempt');

    // Redis loses the job; the endpoint recovers. Nothing is delivered until the row is relayed again.
    await t.get(QueueService).queue('outbound').obliterate({ force: true });
    sink.setDown(false);
    expect(await outboxEvents()).toEqual(expect.arrayContaining([expect.objectContaining({ jobId: row.jobId })]));
    await t
      .get(DataSource)
      .query(`UPDATE outbox SET relayed_at = relayed_at - ($2::int * interval '1 millisecond') WHERE job_id = $1`, [
        row.jobId,
        DURABLE_RERELAY_MS,
      ]);
    await t.get(OutboxService).relayPending();
    await waitFor(
      async () => sink.received.some((e) => e.data.ticketId === ticketId && e.type === 'ticket.queued'),
      20_000,
      'event delivered after the loss',
    );
    await waitFor(async () => !(await outboxEvents()).some((r) => r.jobId === row.jobId), 10_000, 'delivered event settled');
  });
});
