import { randomUUID } from 'node:crypto';
import { TestApp, WEBHOOK_SECRETS, createTestApp, genericHeaders, jiraHeaders, zendeskHeaders } from '@eea/testing';
import { jiraFixture, zendeskFixture } from './fixtures';
import { genericTicket, sendJira, sendZendesk } from './intake-helpers';

/** SPEC 5.1: ordering with the signed send time, deliveries without timestamp, replays, requester ids. */
describe('intake ordering, replays and requester ids', () => {
  let t: TestApp;
  const ticket = async (id: string) => (await t.request('GET', `/v1/tickets/${id}`)).body;
  const post = (source: string, raw: string, headers: Record<string, string>) =>
    t.request('POST', `/v1/webhooks/${source}`, { token: '', raw, headers });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('breaks a tie on Zendesk minute timestamps with the signed send time, whatever the arrival order', async () => {
    const sent = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000);
    const created = await sendZendesk(
      t,
      zendeskFixture(80001, { priority: 'Normal', updated_at: '2026-03-02T10:15:00Z' }),
      randomUUID(),
      undefined,
      sent(60),
    );
    // Two updates in the same minute; the later one (sent 10 s ago) arrives first.
    await sendZendesk(
      t,
      zendeskFixture(80001, { priority: 'Niedrig', updated_at: '2026-03-02T10:16:00Z' }),
      randomUUID(),
      undefined,
      sent(10),
    );
    await sendZendesk(
      t,
      zendeskFixture(80001, { priority: 'Dringend', updated_at: '2026-03-02T10:16:00Z' }),
      randomUUID(),
      undefined,
      sent(20),
    );
    expect((await ticket(created.body.ticketId)).severity).toBe(4);
    await sendZendesk(
      t,
      zendeskFixture(80001, { priority: 'Hoch', updated_at: '2026-03-02T10:16:00Z' }),
      randomUUID(),
      undefined,
      sent(0),
    );
    expect((await ticket(created.body.ticketId)).severity).toBe(2);
  });

  it('never lets a delivery without timestamp reopen or overwrite a stored ticket', async () => {
    const created = jiraFixture('81001');
    const { body } = await sendJira(t, created);
    const done = jiraFixture('81001', {
      updated: '2026-03-02T12:00:00.000+0100',
      status: { name: 'Done', statusCategory: { key: 'done' } },
    });
    done.webhookEvent = 'jira:issue_updated';
    expect((await sendJira(t, done)).body.status).toBe('resolved');
    // The creation again, as a new delivery, without any timestamp: it must not reopen the ticket.
    const stale = jiraFixture('81001', { updated: undefined, priority: { name: 'Blocker' } });
    delete stale.timestamp;
    const answer = await sendJira(t, stale);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ ticketId: body.ticketId, status: 'resolved', duplicate: false });
    expect(await ticket(body.ticketId)).toMatchObject({ status: 'resolved', severity: 3 });
    const z = await sendZendesk(t, zendeskFixture(81002, { priority: 'Low' }));
    await sendZendesk(t, zendeskFixture(81002, { priority: 'Urgent', updated_at: undefined }));
    expect((await ticket(z.body.ticketId)).severity).toBe(4);
  });

  it('treats a replayed signature (generic, zendesk) or body digest (jira) as a duplicate whatever its delivery id, across restarts', async () => {
    const zRaw = JSON.stringify(zendeskFixture(82001));
    const zAt = new Date();
    const first = await post('zendesk', zRaw, zendeskHeaders(WEBHOOK_SECRETS.zendesk, zRaw, randomUUID(), zAt));
    const replay = await post('zendesk', zRaw, zendeskHeaders(WEBHOOK_SECRETS.zendesk, zRaw, randomUUID(), zAt));
    expect(replay.body).toEqual({ ...first.body, duplicate: true });
    const jRaw = JSON.stringify(jiraFixture('82002'));
    const jFirst = await post('jira', jRaw, jiraHeaders(WEBHOOK_SECRETS.jira, jRaw, randomUUID()));
    expect((await post('jira', jRaw, jiraHeaders(WEBHOOK_SECRETS.jira, jRaw, randomUUID()))).body).toEqual({
      ...jFirst.body,
      duplicate: true,
    });
    const gRaw = JSON.stringify(genericTicket());
    const gHeaders = genericHeaders(WEBHOOK_SECRETS.generic, gRaw);
    const gFirst = await post('generic', gRaw, gHeaders);
    expect((await post('generic', gRaw, gHeaders)).body).toEqual({ ...gFirst.body, duplicate: true });

    // A restart keeps the answer: it is a database constraint, not memory.
    await t.close({ keepEnvironment: true });
    t = await createTestApp({ env: { DATABASE_URL: t.env.DATABASE_URL, QUEUE_PREFIX: t.env.QUEUE_PREFIX } });
    expect((await post('jira', jRaw, jiraHeaders(WEBHOOK_SECRETS.jira, jRaw, randomUUID()))).body).toEqual({
      ...jFirst.body,
      duplicate: true,
    });
    expect((await post('zendesk', zRaw, zendeskHeaders(WEBHOOK_SECRETS.zendesk, zRaw, randomUUID(), zAt))).body).toEqual({
      ...first.body,
      duplicate: true,
    });
  });

  it('finds and erases a Jira reporter and a Zendesk requester by their ids in the source', async () => {
    const accountId = `557058:${randomUUID()}`;
    const j = await sendJira(t, jiraFixture('85001', { reporter: { accountId, displayName: 'Reporter Example' } }));
    const z = await sendZendesk(t, zendeskFixture(85002, { requester: { id: '77001' } }));
    const exported = await t.request('POST', '/v1/privacy/export', { body: { source: 'jira', externalUserId: accountId } });
    expect(exported.status).toBe(200);
    expect(JSON.stringify(exported.body)).toContain(j.body.ticketId);
    expect(JSON.stringify(exported.body)).not.toContain(accountId);
    const wrongSource = await t.request('POST', '/v1/privacy/export', { body: { source: 'zendesk', externalUserId: accountId } });
    expect(JSON.stringify(wrongSource.body)).not.toContain(j.body.ticketId);
    const erased = await t.request('POST', '/v1/privacy/erase', { body: { source: 'zendesk', externalUserId: '77001' } });
    expect(erased.body.erased).toMatchObject({ tickets: 1, pseudonyms: 1 });
    const after = await t.request('POST', '/v1/privacy/export', { body: { source: 'zendesk', externalUserId: '77001' } });
    expect(JSON.stringify(after.body)).not.toContain(z.body.ticketId);
    const half = await t.request('POST', '/v1/privacy/export', { body: { externalUserId: '77001' } });
    expect(half.status).toBe(400);
    expect(half.body.error.details).toEqual([{ field: 'source', message: expect.any(String) }]);
  });
});
