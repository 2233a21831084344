import type { JSONWebKeySet } from 'jose';
// The pure verifier file, not the @eea/signing index: offline checks then load no Nest or TypeORM (0.6 s instead of 6 s).
import { verifyCompactJws } from '@eea/signing';
import { ConsentReceiptClaims, RECEIPT_TYP, isReceiptClaims } from './consent-receipt-claims';

export interface VerifiedReceipt {
  kid: string;
  claims: ConsentReceiptClaims;
}

/**
 * Verifies a consent receipt offline against a saved JWKS: the Ed25519 signature under one of its keys,
 * the receipt `typ`, and exactly the claims of SPEC 9. Throws with the reason otherwise.
 */
export async function verifyReceipt(receipt: string, jwks: JSONWebKeySet): Promise<VerifiedReceipt> {
  const { kid, claims } = await verifyCompactJws<unknown>(receipt, jwks, RECEIPT_TYP);
  if (!isReceiptClaims(claims)) throw new Error('the signed content is not a consent receipt');
  return { kid, claims };
}

/** The receipt as a text file may hold it: the bare JWS, or the JSON answer of GET /v1/consents/:id/receipt. */
export function receiptFromFile(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  const parsed = JSON.parse(trimmed) as { receipt?: unknown };
  if (typeof parsed.receipt !== 'string') throw new Error('the JSON file has no "receipt" string');
  return parsed.receipt.trim();
}

/** What a valid receipt attests, in lines a person reads. */
export function describeReceipt({ kid, claims: c }: VerifiedReceipt): string[] {
  const scope = c.ticketExternalId !== undefined ? `ticket ${c.ticketExternalId}` : `problem ${c.problemRef}`;
  const via =
    c.approvedVia === 'customer_link' ? 'the customer, through an approval link' : "a support manager on the customer's behalf";
  return [
    `valid consent receipt, signed with key ${kid}`,
    `  consent ${c.consentId}${c.requestId ? ` (answering consent request ${c.requestId})` : ''}`,
    `  organisation ${c.organizationId}, ${scope}`,
    `  countries unlocked: ${c.countries.join(', ')}`,
    `  granted ${c.grantedAt}, expires ${c.expiresAt}`,
    `  approved by ${via}`,
  ];
}
