/** The API's main objects as OpenAPI schemas, each with its example; `openapi-schemas.ts` lists them by name. */
import { DECISION_TRIGGERS } from '@eea/tickets';
import { country, nullable, object, str, strings, time, uuid, type Schema } from './openapi-schema-builders';

export const allowedCountries: Schema = {
  oneOf: [strings(['AT', 'BE', 'DE']), str({ enum: ['*'] })],
  description: 'Countries whose agents may work the ticket, or "*" for no restriction',
};

export const ticket = object(
  {
    id: uuid(),
    source: str({ enum: ['generic', 'zendesk', 'jira'], example: 'generic' }),
    externalId: str({ example: 'T-1001' }),
    organizationId: str({ example: 'acme' }),
    region: nullable(str({ example: 'eu-west-1' })),
    regionCountry: nullable(country('IE')),
    jurisdiction: str({ enum: ['EEA', 'NON_EEA', 'UNKNOWN'], example: 'EEA' }),
    tier: str({ enum: ['standard', 'eea_only'], example: 'standard' }),
    severity: { type: 'integer', minimum: 1, maximum: 4, example: 2 },
    category: nullable(str({ example: 'billing' })),
    skills: strings(['voice']),
    problemRef: nullable(str({ example: 'PRB-7' })),
    status: str({ enum: ['received', 'queued', 'deferred', 'assigned', 'resolved', 'stranded'], example: 'assigned' }),
    allowedCountries,
    deferredUntil: nullable(time()),
    assigneeId: nullable(str({ example: 'anna' })),
    flags: strings([]),
    policyVersion: nullable(str({ example: 'sha256:4f2a9c0d1e7b3a56' })),
    url: str({ format: 'uri', example: 'https://acme.zendesk.com/agent/tickets/T-1001' }),
    createdAt: time(),
    updatedAt: time(),
  },
  [
    'id',
    'source',
    'externalId',
    'organizationId',
    'jurisdiction',
    'severity',
    'status',
    'allowedCountries',
    'flags',
    'createdAt',
    'updatedAt',
  ],
);

export const traceStep = object({
  rule: str({ example: 'location' }),
  outcome: str({ example: 'restricted' }),
  detail: str({ example: 'standard set: EEA, ADEQUATE, OFFSHORE' }),
});

export const decision = object({
  id: uuid(),
  ticketId: uuid(),
  at: time(),
  trigger: nullable(
    str({
      enum: [...DECISION_TRIGGERS],
      example: 'intake',
      description: 'What caused the evaluation',
    }),
  ),
  policyVersion: str({ example: 'sha256:4f2a9c0d1e7b3a56' }),
  outcome: str({ enum: ['queued', 'deferred', 'stranded'], example: 'queued' }),
  allowedCountries,
  deferredUntil: nullable(time()),
  flags: strings([]),
  trace: { type: 'array', items: traceStep },
});

export const organization = object({
  id: str({ example: 'acme', description: 'The id your ticketing systems use' }),
  name: str({ example: 'Acme' }),
  supportTier: str({ enum: ['standard', 'eea_only'], example: 'eea_only' }),
  createdAt: time(),
  updatedAt: time(),
});

export const agent = object(
  {
    id: str({ example: 'anna' }),
    name: str({ example: 'Anna' }),
    country: nullable(country()),
    skills: strings(['voice']),
    languages: strings(['de']),
    capacity: { type: 'integer', example: 5 },
    status: str({ enum: ['available', 'away', 'offline'], example: 'available' }),
    statusChangedAt: time(),
    activeTickets: { type: 'integer', example: 1, description: 'Tickets it holds now (reads only)' },
    createdAt: time(),
    updatedAt: time(),
  },
  ['id', 'name', 'country', 'skills', 'languages', 'capacity', 'status', 'statusChangedAt', 'createdAt', 'updatedAt'],
);

export const consent = object({
  id: uuid(),
  scope: str({ enum: ['ticket', 'problem'], example: 'ticket' }),
  ticketId: nullable(uuid()),
  organizationId: nullable(str({ example: 'acme' })),
  problemRef: nullable(str()),
  countries: strings(['US']),
  approvedBy: object({ name: str({ example: 'Dana Customer' }), role: nullable(str({ example: 'CISO' })) }),
  evidence: str({ example: 'email of 2026-11-23, ref 4411' }),
  consentRequestId: nullable(uuid()),
  status: str({ enum: ['active', 'expired', 'revoked'], example: 'active' }),
  grantedAt: time(),
  expiresAt: time({ example: '2026-11-30T10:00:00.000Z' }),
  revokedAt: nullable(time()),
});

export const consentRequest = object({
  id: uuid(),
  ticketId: uuid(),
  organizationId: str({ example: 'acme' }),
  externalId: str({ example: 'T-1001' }),
  country: country('US'),
  reason: str({ example: 'needs the US storage team' }),
  requestedBy: str({ example: 'anna', description: 'Agent id' }),
  requestedByAgentId: str({ example: 'anna', deprecated: true }),
  status: str({ enum: ['pending', 'granted', 'expired'], example: 'pending' }),
  consentId: nullable(uuid()),
  createdAt: time(),
  expiresAt: time({ example: '2026-11-24T10:00:00.000Z' }),
});

export const token = object({
  id: uuid(),
  name: str({ example: 'Anna' }),
  role: str({ enum: ['admin', 'manager', 'agent', 'auditor'], example: 'agent' }),
  agentId: nullable(str({ example: 'anna' })),
  createdAt: time(),
  revokedAt: nullable(time()),
});

export const actor = object({
  id: str({ example: '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' }),
  name: nullable(str({ example: 'floor lead' })),
  role: nullable(str({ example: 'manager' })),
});
