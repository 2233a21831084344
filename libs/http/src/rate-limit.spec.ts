import { rateLimitKey } from './rate-limit';

describe('rateLimitKey', () => {
  it('keys by a hash of the bearer token, never the token itself', () => {
    const key = rateLimitKey({ headers: { authorization: 'Bearer secret-token-value' }, ip: '10.0.0.1' });
    expect(key).toMatch(/^token:[0-9a-f]{64}$/);
    expect(key).not.toContain('secret-token-value');
    expect(rateLimitKey({ headers: { authorization: 'Bearer other-token-value' }, ip: '10.0.0.1' })).not.toBe(key);
  });

  it('keys by client address without a bearer token', () => {
    expect(rateLimitKey({ headers: {}, ip: '10.0.0.1' })).toBe('ip:10.0.0.1');
    expect(rateLimitKey({ headers: { authorization: 'Basic abc' }, ip: '10.0.0.2' })).toBe('ip:10.0.0.2');
  });

  it('keys routes that read no bearer token by address, whatever Authorization header is sent', () => {
    for (const config of [{ signedBody: true }, { unauthenticated: true }]) {
      const request = { headers: { authorization: `Bearer random-${Math.random()}` }, ip: '10.0.0.3', routeOptions: { config } };
      expect(rateLimitKey(request as never)).toBe('ip:10.0.0.3');
    }
  });
});
