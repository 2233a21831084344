import type { ApprovedVia, ConsentEntity } from '@eea/consent';

/** The JWS `typ` of a consent receipt: a verifier refuses any other signed document (an audit checkpoint, say). */
export const RECEIPT_TYP = 'consent-receipt+jws';

/** What a receipt attests (SPEC 9), and nothing else: no names, no evidence. */
export interface ConsentReceiptClaims {
  consentId: string;
  requestId: string | null;
  organizationId: string;
  ticketExternalId?: string;
  problemRef?: string;
  countries: string[];
  grantedAt: string;
  expiresAt: string;
  approvedVia: ApprovedVia;
}

/** The claims of a consent; for a ticket's consent, `ticket` is that ticket's organisation and external id. */
export function receiptClaims(
  c: ConsentEntity,
  ticket: { organizationId: string; externalId: string } | null,
): ConsentReceiptClaims {
  const scope = c.ticketId
    ? { organizationId: ticket?.organizationId ?? '', ticketExternalId: ticket?.externalId ?? '' }
    : { organizationId: c.organizationId ?? '', problemRef: c.problemRef ?? '' };
  return {
    consentId: c.id,
    requestId: c.consentRequestId,
    ...scope,
    countries: c.countries,
    grantedAt: c.grantedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    approvedVia: c.approvedVia,
  };
}

const KEYS: Array<keyof ConsentReceiptClaims> = [
  'consentId',
  'requestId',
  'organizationId',
  'ticketExternalId',
  'problemRef',
  'countries',
  'grantedAt',
  'expiresAt',
  'approvedVia',
];

/** Whether a verified payload has the receipt's shape: exactly its claims, with their types. */
export function isReceiptClaims(value: unknown): value is ConsentReceiptClaims {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const str = (k: string) => typeof v[k] === 'string';
  return (
    Object.keys(v).every((k) => (KEYS as string[]).includes(k)) &&
    str('consentId') &&
    (v.requestId === null || str('requestId')) &&
    str('organizationId') &&
    (v.ticketExternalId === undefined || str('ticketExternalId')) &&
    (v.problemRef === undefined || str('problemRef')) &&
    Array.isArray(v.countries) &&
    v.countries.every((c) => typeof c === 'string') &&
    str('grantedAt') &&
    str('expiresAt') &&
    (v.approvedVia === 'manager' || v.approvedVia === 'customer_link')
  );
}
