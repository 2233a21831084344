import type { ConsentEntity } from '@eea/consent';
import { isReceiptClaims, receiptClaims } from './consent-receipt-claims';
import { describeReceipt, receiptFromFile } from './verify-receipt';

const base = {
  id: 'c-1',
  consentRequestId: null,
  countries: ['US'],
  grantedAt: new Date('2026-11-23T10:00:00Z'),
  expiresAt: new Date('2026-11-30T10:00:00Z'),
  approvedVia: 'manager',
  approvedByName: 'Dana Customer',
  evidence: 'mail #1',
  ticketId: null,
  organizationId: null,
  problemRef: null,
} as unknown as ConsentEntity;

describe('receipt claims', () => {
  it('names the ticket by its external id, or the problem, and never the approver', () => {
    const ticket = receiptClaims({ ...base, ticketId: 't-1' } as ConsentEntity, { organizationId: 'acme', externalId: 'ZD-1' });
    expect(ticket).toEqual({
      consentId: 'c-1',
      requestId: null,
      organizationId: 'acme',
      ticketExternalId: 'ZD-1',
      countries: ['US'],
      grantedAt: '2026-11-23T10:00:00.000Z',
      expiresAt: '2026-11-30T10:00:00.000Z',
      approvedVia: 'manager',
    });
    const problem = receiptClaims({ ...base, organizationId: 'acme', problemRef: 'P-1' } as ConsentEntity, null);
    expect(problem).toMatchObject({ organizationId: 'acme', problemRef: 'P-1' });
    expect(problem).not.toHaveProperty('ticketExternalId');
    expect(JSON.stringify([ticket, problem])).not.toMatch(/Dana|mail/);
    expect(isReceiptClaims(ticket) && isReceiptClaims(problem)).toBe(true);
  });

  it('recognises exactly the receipt shape', () => {
    const claims = receiptClaims({ ...base, ticketId: 't-1' } as ConsentEntity, { organizationId: 'acme', externalId: 'ZD-1' });
    expect(isReceiptClaims({ ...claims, extra: 1 })).toBe(false);
    expect(isReceiptClaims({ ...claims, approvedVia: 'someone' })).toBe(false);
    expect(isReceiptClaims({ ...claims, countries: 'US' })).toBe(false);
    expect(isReceiptClaims({ seq: 1, head: 'abc' })).toBe(false);
  });

  it('reads a bare JWS or the API answer from a file, and says what it attests', () => {
    expect(receiptFromFile('a.b.c\n')).toBe('a.b.c');
    expect(receiptFromFile('{"receipt": "a.b.c"}')).toBe('a.b.c');
    expect(() => receiptFromFile('{"jws": "a.b.c"}')).toThrow(/receipt/);
    const claims = receiptClaims(
      { ...base, consentRequestId: 'r-1', approvedVia: 'customer_link', ticketId: 't-1' } as ConsentEntity,
      { organizationId: 'acme', externalId: 'ZD-1' },
    );
    expect(describeReceipt({ kid: 'k1', claims }).join('\n')).toMatch(
      /key k1[\s\S]*request r-1[\s\S]*ticket ZD-1[\s\S]*US[\s\S]*customer, through an approval link/,
    );
  });
});
