import { JSONWebKeySet, compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';

export interface VerifiedJws<T> {
  kid: string;
  typ?: string;
  claims: T;
}

/**
 * Verifies a compact JWS against a saved JWKS, offline. Only EdDSA is accepted (never "none" or an
 * HMAC algorithm chosen by the token), and the expected `typ` when given. Throws with a plain reason.
 */
export async function verifyCompactJws<T = Record<string, unknown>>(
  jws: string,
  jwks: JSONWebKeySet,
  expectedTyp?: string,
): Promise<VerifiedJws<T>> {
  const header = decodeProtectedHeader(jws.trim());
  if (header.alg !== 'EdDSA') throw new Error(`unexpected algorithm ${String(header.alg)}: only EdDSA is accepted`);
  if (typeof header.kid !== 'string') throw new Error('the signature names no key (kid)');
  if (expectedTyp && header.typ !== expectedTyp) throw new Error(`expected a ${expectedTyp}, got ${String(header.typ)}`);
  const { payload } = await compactVerify(jws.trim(), createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
  return { kid: header.kid, typ: header.typ, claims: JSON.parse(new TextDecoder().decode(payload)) as T };
}
