/** Examples of the approval answers for the OpenAPI description (SPEC 9 shapes). */
const CONSENT = {
  id: '3f0f7c2e-5b7a-4d47-9a51-0d7c1e0f6a11',
  scope: 'ticket',
  countries: ['US'],
  status: 'active',
  approvedVia: 'customer_link',
  grantedAt: '2026-11-23T10:00:00.000Z',
  expiresAt: '2026-11-26T10:00:00.000Z',
  revokedAt: null,
};

export const APPROVAL_LINK_EXAMPLE = {
  url: 'https://router.example.com/approve/q7B0mX3l0mZ1o2V8y2T9Qm3kG4nT5cW6e7R8s9U0v1A',
  expiresAt: '2026-11-26T10:00:00.000Z',
};

export const APPROVAL_PAGE_EXAMPLE = {
  request: {
    id: '0b6e2d3c-8a1f-4c55-9e2d-7f1a2b3c4d5e',
    ticketExternalId: '4711',
    organizationId: 'acme',
    severity: 2,
    country: 'US',
    reason: 'needs the US storage team',
    scope: 'ticket',
    expiresAt: '2026-11-26T10:00:00.000Z',
    defaultDurationDays: 7,
    maxDurationDays: 30,
  },
  status: 'approved',
  consent: CONSENT,
};

export const APPROVED_EXAMPLE = {
  consent: CONSENT,
  receipt: 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIiwidHlwIjoiY29uc2VudC1yZWNlaXB0K2p3cyJ9.eyJjb25zZW50SWQiOiIuLi4ifQ.c2lnbmF0dXJl',
};

export const REVOKED_EXAMPLE = { ...CONSENT, status: 'revoked', revokedAt: '2026-11-24T08:00:00.000Z' };
