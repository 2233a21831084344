import { request as httpRequest } from 'node:http';
import { TestApp, WEBHOOK_SECRETS, createTestApp, genericHeaders, waitFor } from '@eea/testing';
import { genericTicket } from './intake-helpers';

interface RawResponse {
  status: number;
  text: string;
  headers: Record<string, unknown>;
}

/**
 * A POST whose body is sent in two parts, on its own connection: `finish` sends the rest, `abort` drops
 * the connection. Until then the server holds the request open (a slow vendor, a stalled proxy).
 */
function heldPost(t: TestApp, path: string, headers: Record<string, string>, body: string, sentFirst: number) {
  const url = new URL(t.baseUrl);
  const req = httpRequest({
    host: url.hostname,
    port: url.port,
    path,
    method: 'POST',
    agent: false,
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
  });
  let settled = false;
  const response = new Promise<RawResponse>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        settled = true;
        resolve({ status: res.statusCode ?? 0, text, headers: res.headers });
      });
    });
    req.on('error', (e) => {
      settled = true;
      reject(e);
    });
  });
  const written = new Promise<void>((resolve) => {
    if (sentFirst > 0) req.write(body.slice(0, sentFirst), () => resolve());
    else {
      req.flushHeaders();
      resolve();
    }
  });
  return {
    response,
    written,
    answered: () => settled,
    finish: () => {
      req.end(body.slice(sentFirst));
    },
    abort: () => {
      response.catch(() => undefined);
      req.destroy();
    },
  };
}

function heldWebhook(t: TestApp, sentFirst: (raw: string) => number) {
  const raw = JSON.stringify(genericTicket());
  return heldPost(t, '/v1/webhooks/generic', genericHeaders(WEBHOOK_SECRETS.generic, raw), raw, sentFirst(raw));
}

const readOrganizations = (t: TestApp) => t.request('GET', '/v1/organizations');

/** A webhook holding the only slot, proven by a read being refused while the webhook is unanswered. */
async function holdTheSlot(t: TestApp) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const held = heldWebhook(t, (raw) => Math.floor(raw.length / 2));
    // Let the held webhook reach the server before the read that should be refused (a read arriving
    // first takes the slot and the webhook is refused: then the next attempt waits a little longer).
    await held.written;
    await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    const refused = await waitFor(
      async () => {
        if (held.answered()) return 'lost';
        const res = await readOrganizations(t);
        return res.status === 503 && !held.answered() ? res : undefined;
      },
      10_000,
      'a request refused while the webhook is held',
    );
    if (refused !== 'lost') return { held, refused };
    expect((await held.response).status).toBe(503);
  }
  throw new Error('no held webhook took the slot');
}

describe('backpressure: a bound on requests in flight (MAX_REQUESTS_IN_FLIGHT)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { MAX_REQUESTS_IN_FLIGHT: '1' } });
    expect((await t.request('PUT', '/v1/organizations/acme', { body: { name: 'Acme', supportTier: 'standard' } })).status).toBe(
      200,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the request past the bound with 503 unavailable and Retry-After, serves probes, and serves again once the held one is done', async () => {
    const { held: slow, refused } = await holdTheSlot(t);
    expect(refused.body).toEqual({ error: { code: 'unavailable', message: expect.any(String), details: [] } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(slow.answered()).toBe(false);

    // Health and metrics answer whatever the load.
    expect((await t.request('GET', '/health/live')).status).toBe(200);
    expect((await t.request('GET', '/metrics')).status).toBe(200);

    // The refusal comes before the body is read: a delivery that has sent only its headers is answered.
    const headersOnly = heldWebhook(t, () => 0);
    const early = await headersOnly.response;
    headersOnly.abort();
    expect(early.status).toBe(503);
    expect(early.headers['retry-after']).toBeDefined();
    expect(JSON.parse(early.text).error.code).toBe('unavailable');

    // The held webhook completes normally, and then the slot is free again.
    slow.finish();
    expect((await slow.response).status).toBe(202);
    await waitFor(async () => (await readOrganizations(t)).status === 200, 10_000, 'requests served again');
  });

  it('frees the slot of a caller that went away before its request was answered', async () => {
    const { held: gone } = await holdTheSlot(t);
    gone.abort();
    await waitFor(async () => (await readOrganizations(t)).status === 200, 10_000, 'the slot of the aborted request freed');
    // As a vendor would: a 503 is retried (the slot of the read above may not be freed yet).
    const res = await waitFor(
      async () => {
        const raw = JSON.stringify(genericTicket());
        const sent = await t.request('POST', '/v1/webhooks/generic', {
          token: '',
          raw,
          headers: genericHeaders(WEBHOOK_SECRETS.generic, raw),
        });
        return sent.status === 503 ? undefined : sent;
      },
      10_000,
      'a delivery accepted',
    );
    expect(res.status).toBe(202);
  });
});
