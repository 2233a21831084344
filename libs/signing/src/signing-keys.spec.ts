import { CompactSign, exportJWK } from 'jose';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { generateSigningKeyDer, parseSigningKeys } from './signing-keys';
import { verifyCompactJws } from './verify-jws';

async function jwksOf(value: string) {
  const keys = parseSigningKeys(value);
  return { keys: await Promise.all(keys.map(async (k) => ({ ...(await exportJWK(k.publicKey)), kid: k.kid }))) };
}

async function signWith(value: string, claims: object, typ = 'test+jws', alg = 'EdDSA') {
  const [current] = parseSigningKeys(value);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg, kid: current.kid, typ })
    .sign(current.privateKey!);
}

describe('signing keys', () => {
  const current = `new:${generateSigningKeyDer()}`;
  const old = `old:${generateSigningKeyDer()}`;

  it('reads private keys and public-only retired keys; the first must be able to sign', () => {
    const retiredPublic = createPublicKey(
      createPrivateKey({ key: Buffer.from(old.slice(4), 'base64'), format: 'der', type: 'pkcs8' }),
    )
      .export({ format: 'der', type: 'spki' })
      .toString('base64');
    const keys = parseSigningKeys(`${current},retired:${retiredPublic}`);
    expect(keys.map((k) => [k.kid, Boolean(k.privateKey)])).toEqual([
      ['new', true],
      ['retired', false],
    ]);
    expect(() => parseSigningKeys(`retired:${retiredPublic},${current}`)).toThrow(
      /first key \(retired\) signs and must be a private key/,
    );
  });

  it('refuses what is not an Ed25519 key, duplicate kids and malformed entries', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'der', type: 'pkcs8' })
      .toString('base64');
    expect(() => parseSigningKeys(`r:${rsa}`)).toThrow(/not an Ed25519/);
    expect(() => parseSigningKeys(`${current},${current}`)).toThrow(/unique/);
    expect(() => parseSigningKeys(`:${generateSigningKeyDer()}`)).toThrow(/entry 1/);
    expect(() => parseSigningKeys('')).toThrow(/no key/);
  });

  it('verifies a signature by any published key, and refuses one changed byte, another key set or another typ', async () => {
    const jwks = await jwksOf(`${current},${old}`);
    const byOld = await signWith(old, { consentId: 'c-1' });
    await expect(verifyCompactJws(byOld, jwks, 'test+jws')).resolves.toEqual({
      kid: 'old',
      typ: 'test+jws',
      claims: { consentId: 'c-1' },
    });
    const [h, p, s] = byOld.split('.');
    const tamperedPayload = Buffer.from(p, 'base64url');
    tamperedPayload[tamperedPayload.length - 3] ^= 1;
    await expect(verifyCompactJws(`${h}.${tamperedPayload.toString('base64url')}.${s}`, jwks)).rejects.toThrow();
    await expect(verifyCompactJws(byOld, await jwksOf(current))).rejects.toThrow();
    await expect(verifyCompactJws(byOld, jwks, 'audit-checkpoint+jws')).rejects.toThrow(/expected a audit-checkpoint\+jws/);
  });

  it('accepts EdDSA only, whatever the token asks for', async () => {
    const forged = `${Buffer.from(JSON.stringify({ alg: 'none', kid: 'new' })).toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    await expect(verifyCompactJws(forged, await jwksOf(current))).rejects.toThrow(/only EdDSA/);
  });
});
