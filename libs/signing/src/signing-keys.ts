import { KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

/** One Ed25519 key: the current one signs; older ones (private or public only) still verify. */
export interface SigningKey {
  kid: string;
  publicKey: KeyObject;
  privateKey?: KeyObject;
}

const KID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses `SIGNING_KEYS`: `kid:<base64 DER>[,kid:<base64 DER>…]`. Each DER is an Ed25519 private key
 * (PKCS#8) or, for a retired key whose private half was destroyed, its public key (SPKI). The first
 * entry signs and must be private; every entry is published so that old receipts and checkpoints verify.
 */
export function parseSigningKeys(value: string): SigningKey[] {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('no key given');
  const keys = entries.map((entry, i) => {
    const colon = entry.indexOf(':');
    const kid = entry.slice(0, colon);
    if (colon < 1 || !KID.test(kid))
      throw new Error(`entry ${i + 1}: must be "<kid>:<base64 DER>" with a kid of 1-32 letters, digits, - or _`);
    const key = readKey(Buffer.from(entry.slice(colon + 1), 'base64'));
    if (!key) throw new Error(`entry ${i + 1} (${kid}): not an Ed25519 PKCS#8 private key or SPKI public key in base64 DER`);
    return { kid, ...key };
  });
  if (!keys[0].privateKey) throw new Error(`the first key (${keys[0].kid}) signs and must be a private key`);
  const kids = new Set(keys.map((k) => k.kid));
  if (kids.size !== keys.length) throw new Error('kids must be unique');
  return keys;
}

function readKey(der: Buffer): Omit<SigningKey, 'kid'> | undefined {
  try {
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    if (privateKey.asymmetricKeyType === 'ed25519') return { privateKey, publicKey: createPublicKey(privateKey) };
  } catch {
    /* not a private key: try public */
  }
  try {
    const publicKey = createPublicKey({ key: der, format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType === 'ed25519') return { publicKey };
  } catch {
    /* neither */
  }
  return undefined;
}

/** A fresh Ed25519 key as the base64 PKCS#8 DER that `SIGNING_KEYS` takes. */
export function generateSigningKeyDer(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}
