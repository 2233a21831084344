import { createHmac } from 'node:crypto';

/**
 * The `generic` scheme (SPEC 5), the one definition for the webhooks this service receives from the
 * generic source and for the events it sends: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 */
export function genericMac(secret: string, unixSeconds: number | string, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${unixSeconds}.`).update(body).digest();
}

/** The `X-Signature` header value of `body` signed at `unixSeconds` (now by default). */
export function signGeneric(secret: string, body: string, unixSeconds = Math.floor(Date.now() / 1000)): string {
  return `t=${unixSeconds},v1=${genericMac(secret, unixSeconds, body).toString('hex')}`;
}
