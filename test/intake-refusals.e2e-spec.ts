import { randomUUID } from 'node:crypto';
import { TestApp, WEBHOOK_SECRETS, createTestApp, jiraHeaders, waitFor, zendeskHeaders } from '@eea/testing';
import { jiraFixture, zendeskFixture } from './fixtures';

/** SPEC 5.1: a signature failure is a 401 about the webhook signature; the server log says why, never what the body said. */
describe('intake refusals', () => {
  let t: TestApp;
  const post = (source: string, raw: string, headers: Record<string, string>) =>
    t.request('POST', `/v1/webhooks/${source}`, { token: '', raw, headers });
  // Log lines reach the test's stream asynchronously.
  const reasons = () => t.logs.filter((l) => l.includes('webhook refused')).map((l) => JSON.parse(l).reason as string);

  // No secret for Jira in this environment.
  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { WEBHOOK_SECRET_JIRA: '' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers with a message about the webhook signature and logs the reason, without the body', async () => {
    const canary = 'canary-body-zqxjvorth@example.test';
    const raw = JSON.stringify(zendeskFixture(83001, { requester: { email: canary } }));
    const jiraRaw = JSON.stringify(jiraFixture('83002'));
    const answers = [
      await post('zendesk', raw, zendeskHeaders('not-the-secret', raw, randomUUID())),
      await post('zendesk', raw, zendeskHeaders(WEBHOOK_SECRETS.zendesk, raw, randomUUID(), new Date(Date.now() - 600_000))),
      await post('zendesk', raw, { 'content-type': 'application/json' }),
      await post('jira', jiraRaw, jiraHeaders(WEBHOOK_SECRETS.jira, jiraRaw, randomUUID())),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({
        code: 'unauthenticated',
        message: expect.stringContaining('webhook signature'),
        details: [],
      });
      expect(res.body.error.message).not.toMatch(/bearer/i);
    }
    const expected = ['bad_signature', 'stale_timestamp', 'missing_signature', 'no_secret_configured'];
    await waitFor(async () => expected.every((r) => reasons().includes(r)), 10_000, 'refusals logged with their reason');
    expect(t.logs.join('\n')).not.toContain(canary);
    expect(t.logs.join('\n')).not.toContain('Calls drop after 30 seconds');
  });
});
