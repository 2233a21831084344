import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits, twice the 128 SPEC 9 asks for), base64url: 43 characters. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newApprovalToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * What is stored and looked up. A plain SHA-256 suffices (no salt, no slow hash): the token is 256
 * random bits, not a password, so there is nothing to brute-force from the hash.
 */
export function approvalTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A string that cannot be a token is answered like an unknown one (404), without a database read. */
export function isApprovalTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** The link the customer opens (SPEC 9): PUBLIC_URL + "/approve/" + token. */
export function approvalUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/approve/${token}`;
}
