import { exportJWK } from 'jose';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { generateSigningKeyDer, SigningService, verifyCompactJws } from '@eea/signing';
import { createTestApp, TestApp } from '@eea/testing';

describe('signing keys and the published JWKS', () => {
  let app: TestApp | undefined;
  afterEach(async () => app?.close());

  it('without SIGNING_KEYS signs with a development key that survives a restart and is published', async () => {
    app = await createTestApp({ worker: false });
    const jws = await app.get(SigningService).sign({ consentId: 'c-1' }, 'consent-receipt+jws');
    const first = await app.request('GET', '/.well-known/jwks.json', { token: '' });
    expect(first.status).toBe(200);
    expect(first.body.keys).toHaveLength(1);
    expect(first.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(first.body.keys[0]).not.toHaveProperty('d');

    await app.close({ keepEnvironment: true });
    app = await createTestApp({ worker: false, env: { DATABASE_URL: app.env.DATABASE_URL, QUEUE_PREFIX: app.env.QUEUE_PREFIX } });
    const second = await app.request('GET', '/.well-known/jwks.json', { token: '' });
    expect(second.body).toEqual(first.body);
    await expect(verifyCompactJws(jws, second.body, 'consent-receipt+jws')).resolves.toMatchObject({
      claims: { consentId: 'c-1' },
    });
  });

  it('with SIGNING_KEYS signs with the first key and keeps the retired ones verifiable', async () => {
    const current = generateSigningKeyDer();
    const retired = generateSigningKeyDer();
    app = await createTestApp({ worker: false, env: { SIGNING_KEYS: `k2:${current},k1:${retired}` } });
    const jws = await app.get(SigningService).sign({ n: 1 }, 'audit-checkpoint+jws');
    const { body } = await app.request('GET', '/.well-known/jwks.json', { token: '' });
    expect(body.keys.map((k: { kid: string }) => k.kid)).toEqual(['k2', 'k1']);
    const retiredJwk = await exportJWK(
      createPublicKey(createPrivateKey({ key: Buffer.from(retired, 'base64'), format: 'der', type: 'pkcs8' })),
    );
    expect(body.keys[1].x).toBe(retiredJwk.x);
    await expect(verifyCompactJws(jws, body)).resolves.toMatchObject({ kid: 'k2', claims: { n: 1 } });
  });
});
