import { ConfigValidationError, loadConfig } from './app-config';

// A real Ed25519 PKCS#8 key in base64 DER, made for this test only.
const SIGNING_KEY = 'k1:MC4CAQAwBQYDK2VwBCIEIBVyDMiwQFuXgr2fsqZGxQdzs1/fSsRjBTUDRBPUYP4N';
const PUBLIC_URL = 'https://support.example.org';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/eea_router');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.QUEUE_PREFIX).toBe('eea-router');
    expect(config.DB_MIGRATE).toBe(true);
  });

  it('parses numbers, booleans and comma-separated secrets', () => {
    const config = loadConfig({ PORT: '8080', DB_MIGRATE: 'false', WEBHOOK_SECRET_GENERIC: 'new-secret, old-secret' });
    expect(config.PORT).toBe(8080);
    expect(config.DB_MIGRATE).toBe(false);
    expect(config.WEBHOOK_SECRET_GENERIC).toEqual(['new-secret', 'old-secret']);
  });

  it('names every bad variable on its own line', () => {
    let error: ConfigValidationError | undefined;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://nope', QUEUE_PREFIX: 'has:colon' });
    } catch (e) {
      error = e as ConfigValidationError;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error!.problems.map((p) => p.split('=')[0]).sort()).toEqual(['PORT', 'QUEUE_PREFIX', 'REDIS_URL']);
    expect(error!.message).toContain('REDIS_URL=(hidden): must be a redis:// URL');
  });

  it('requires a pseudonym key in production and never echoes secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PSEUDONYM_KEY=\(hidden\)/);
    expect(() => loadConfig({ PSEUDONYM_KEY: 'k1:too-short' })).toThrow(/PSEUDONYM_KEY/);
    expect(
      loadConfig({ NODE_ENV: 'production', PSEUDONYM_KEY: 'k1:0123456789abcdef0123', SIGNING_KEYS: SIGNING_KEY, PUBLIC_URL })
        .PSEUDONYM_KEY,
    ).toBeDefined();
  });

  it('requires the public URL in production, absolute', () => {
    const production = { NODE_ENV: 'production', PSEUDONYM_KEY: 'k1:0123456789abcdef0123', SIGNING_KEYS: SIGNING_KEY };
    expect(() => loadConfig(production)).toThrow(/PUBLIC_URL=.*required in production/);
    expect(() => loadConfig({ PUBLIC_URL: 'support.example.org/x' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://support.example.org' }).PUBLIC_URL).toBe(
      'https://support.example.org',
    );
    expect(loadConfig({}).PUBLIC_URL).toBeUndefined();
  });

  it('requires a signing key in production, in the documented format', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PSEUDONYM_KEY: 'k1:0123456789abcdef0123' })).toThrow(
      /SIGNING_KEYS=\(hidden\): .*required in production/,
    );
    expect(() => loadConfig({ SIGNING_KEYS: 'no-kid-here' })).toThrow(/SIGNING_KEYS/);
    expect(loadConfig({ SIGNING_KEYS: SIGNING_KEY }).SIGNING_KEYS).toBe(SIGNING_KEY);
    expect(loadConfig({}).SIGNING_KEYS).toBeUndefined();
  });

  it('bounds requests in flight: 256 by default, a positive whole number when set', () => {
    expect(loadConfig({}).MAX_REQUESTS_IN_FLIGHT).toBe(256);
    expect(loadConfig({ MAX_REQUESTS_IN_FLIGHT: '1' }).MAX_REQUESTS_IN_FLIGHT).toBe(1);
    for (const bad of ['0', '-5', '1.5', 'many']) {
      expect(() => loadConfig({ MAX_REQUESTS_IN_FLIGHT: bad })).toThrow(/MAX_REQUESTS_IN_FLIGHT=/);
    }
  });

  it('ignores unrelated environment variables', () => {
    expect((loadConfig({ PATH: '/usr/bin' }) as unknown as Record<string, unknown>).PATH).toBeUndefined();
  });
});
