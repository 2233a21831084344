import { createHmac } from 'node:crypto';
import { genericHeaders, jiraHeaders, zendeskHeaders } from '@eea/testing';
import { safeEqual, verifyGeneric, verifyJira, verifyZendesk } from './webhook-signatures';

const body = '{"deliveryId":"d-1","event":"ticket.created"}';
const raw = Buffer.from(body);
const NOW = Date.parse('2026-03-02T10:00:00Z');
const nowSec = NOW / 1000;

describe('webhook signatures', () => {
  it('compares in constant time and treats different lengths as unequal', () => {
    expect(safeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
    expect(safeEqual(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
    expect(safeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
  });

  describe('generic', () => {
    const sign = (secret: string, at = nowSec, text = body) => genericHeaders(secret, text, at)['x-signature'];

    it('verifies with any configured secret', () => {
      expect(verifyGeneric(sign('new'), raw, ['new', 'old'], [NOW])).toBe(true);
      expect(verifyGeneric(sign('old'), raw, ['new', 'old'], [NOW])).toBe(true);
      expect(verifyGeneric(sign('other'), raw, ['new', 'old'], [NOW])).toBe(false);
      expect(verifyGeneric(sign('new'), raw, [], [NOW])).toBe(false);
    });

    it('rejects tampered bodies and timestamps', () => {
      expect(verifyGeneric(sign('s'), Buffer.from(body + ' '), ['s'], [NOW])).toBe(false);
      const header = sign('s');
      expect(verifyGeneric(header.replace(`t=${nowSec}`, `t=${nowSec + 1}`), raw, ['s'], [NOW])).toBe(false);
    });

    it('accepts timestamps within 300 s either way, and nothing beyond', () => {
      expect(verifyGeneric(sign('s', nowSec - 300), raw, ['s'], [NOW])).toBe(true);
      expect(verifyGeneric(sign('s', nowSec + 300), raw, ['s'], [NOW])).toBe(true);
      expect(verifyGeneric(sign('s', nowSec - 301), raw, ['s'], [NOW])).toBe(false);
      expect(verifyGeneric(sign('s', nowSec + 301), raw, ['s'], [NOW])).toBe(false);
    });

    it('rejects malformed headers', () => {
      for (const h of [
        undefined,
        '',
        'garbage',
        `t=${nowSec}`,
        `v1=${'0'.repeat(64)}`,
        `t=abc,v1=${'0'.repeat(64)}`,
        `t=${nowSec},v1=zz`,
      ]) {
        expect(verifyGeneric(h, raw, ['s'], [NOW])).toBe(false);
      }
    });
  });

  describe('zendesk', () => {
    const headers = (secret: string, at = new Date(NOW)) => zendeskHeaders(secret, body, 'inv', at);
    const verify = (h: Record<string, string>, data = raw) =>
      verifyZendesk(h['x-zendesk-webhook-signature'], h['x-zendesk-webhook-signature-timestamp'], data, ['a', 'b'], [NOW]);

    it('verifies base64 HMAC over timestamp + raw body with any secret', () => {
      expect(verify(headers('a'))).toBe(true);
      expect(verify(headers('b'))).toBe(true);
      expect(verify(headers('c'))).toBe(false);
      expect(verify(headers('a'), Buffer.from(body.replace('d-1', 'd-2')))).toBe(false);
    });

    it('binds the timestamp and enforces the window', () => {
      const h = headers('a');
      expect(verify({ ...h, 'x-zendesk-webhook-signature-timestamp': new Date(NOW + 1000).toISOString() })).toBe(false);
      expect(verify(headers('a', new Date(NOW - 301_000)))).toBe(false);
      expect(verify(headers('a', new Date(NOW + 301_000)))).toBe(false);
      expect(verify(headers('a', new Date(NOW - 299_000)))).toBe(true);
      expect(verifyZendesk(undefined, h['x-zendesk-webhook-signature-timestamp'], raw, ['a'], [NOW])).toBe(false);
      expect(verifyZendesk(h['x-zendesk-webhook-signature'], undefined, raw, ['a'], [NOW])).toBe(false);
    });
  });

  describe('jira', () => {
    it('verifies sha256=<hex> over the raw body with any secret', () => {
      const h = jiraHeaders('j', body, 'd')['x-hub-signature'];
      expect(verifyJira(h, raw, ['x', 'j'])).toBe(true);
      expect(verifyJira(h, raw, ['x'])).toBe(false);
      expect(verifyJira(h, Buffer.from(`${body} `), ['j'])).toBe(false);
      expect(verifyJira(`sha1=${createHmac('sha1', 'j').update(body).digest('hex')}`, raw, ['j'])).toBe(false);
      expect(verifyJira(undefined, raw, ['j'])).toBe(false);
    });
  });
});
