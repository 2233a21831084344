import { TestApp, createTestApp } from '@eea/testing';

describe('queue dashboard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves bull-board to admins only, in the common error shape otherwise', async () => {
    const page = await t.request('GET', '/admin/queues');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const api = await t.request('GET', '/admin/queues/api/queues');
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['maintenance', 'outbound', 'routing']);

    for (const token of ['', 'not-a-real-token-123']) {
      const denied = await t.request('GET', '/admin/queues/api/queues', { token });
      expect(denied.status).toBe(401);
      expect(denied.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String), details: [] } });
    }
    const manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'm' } })).body.token as string;
    const forbidden = await t.request('GET', '/admin/queues', { token: manager });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
  });
});
