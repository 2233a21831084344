import { readCookie, sessionCookie } from './session-cookie';

describe('console session cookie', () => {
  it('is HttpOnly and SameSite=Strict always, Secure behind TLS', () => {
    expect(sessionCookie('abc', 60, false)).toBe('eea_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60');
    expect(sessionCookie('abc', 60, true)).toBe('eea_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure');
  });

  it('is read back from a Cookie header among others', () => {
    expect(readCookie('a=1; eea_session=s3cr3t-_x; b=2', 'eea_session')).toBe('s3cr3t-_x');
    expect(readCookie('eea_session_other=1', 'eea_session')).toBeUndefined();
    expect(readCookie(undefined, 'eea_session')).toBeUndefined();
  });
});
