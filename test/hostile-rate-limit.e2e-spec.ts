import { randomBytes } from 'node:crypto';
import { TestApp, createTestApp } from '@eea/testing';
import { expectRejected } from './hostile-support';
import { genericTicket, sendGeneric } from './intake-helpers';

/** Finding 3: a made-up Authorization header must not buy a fresh rate-limit bucket on a signed route. */
describe('hostile input: (3) webhook rejections are counted by client address only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const randomBearer = () => ({ authorization: `Bearer ${randomBytes(16).toString('hex')}` });

  it('blocks an address past the limit of bad signatures even when each carries a fresh bearer token, and keeps it blocked', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const raw = JSON.stringify(genericTicket());
      const res = await t.request('POST', '/v1/webhooks/generic', {
        token: '',
        raw,
        headers: { ...randomBearer(), 'x-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      });
      statuses.push(res.status);
    }
    // The sixth rejection passes the limit of 5: from then on the address is refused.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    const raw = JSON.stringify(genericTicket());
    const blocked = await t.request('POST', '/v1/webhooks/generic', {
      token: '',
      raw,
      headers: { ...randomBearer(), 'x-signature': 'x' },
    });
    expectRejected(blocked, 429);
    // A valid delivery from the blocked address waits too, whatever header it adds.
    expect((await sendGeneric(t, genericTicket())).status).toBe(429);
  });
});
