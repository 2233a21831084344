/**
 * The response shapes of the API as OpenAPI 3 schemas (`components.schemas`), with one example each.
 * The views they describe live with their domains (toTicketView, toConsentView, ...); e2e tests pin both.
 */
type Schema = Record<string, unknown>;

const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const nullable = (s: Schema): Schema => ({ ...s, nullable: true });
const time = (extra: Schema = {}): Schema => str({ format: 'date-time', example: '2026-11-23T10:00:00.000Z', ...extra });
const uuid = (example = '7b0c1e9a-3f52-4c8e-9d1a-2f6b8e4a1c33'): Schema => str({ format: 'uuid', example });
const country = (example = 'DE'): Schema => str({ pattern: '^[A-Z]{2}$', example, description: 'ISO 3166-1 alpha-2' });
const strings = (example: string[]): Schema => ({ type: 'array', items: str(), example });
const object = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const list = (name: string): Schema => object({ items: { type: 'array', items: ref(name) } });

const allowedCountries: Schema = {
  oneOf: [strings(['AT', 'BE', 'DE']), str({ enum: ['*'] })],
  description: 'Countries whose agents may work the ticket, or "*" for no restriction',
};

const ticket = object(
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

const traceStep = object({
  rule: str({ example: 'location' }),
  outcome: str({ example: 'restricted' }),
  detail: str({ example: 'standard set: EEA, ADEQUATE, OFFSHORE' }),
});

const decision = object({
  id: uuid(),
  ticketId: uuid(),
  at: time(),
  trigger: nullable(
    str({
      enum: [
        'intake',
        'ticket_update',
        'consent_granted',
        'consent_revoked',
        'consent_expired',
        'escalation',
        'agent_change',
        'organization_change',
        'policy_change',
        'deferral_ended',
        'claim_recheck',
        'sweeper',
      ],
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

const organization = object({
  id: str({ example: 'acme', description: 'The id your ticketing systems use' }),
  name: str({ example: 'Acme' }),
  supportTier: str({ enum: ['standard', 'eea_only'], example: 'eea_only' }),
  createdAt: time(),
  updatedAt: time(),
});

const agent = object(
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

const consent = object({
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

const consentRequest = object({
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

const token = object({
  id: uuid(),
  name: str({ example: 'Anna' }),
  role: str({ enum: ['admin', 'manager', 'agent', 'auditor'], example: 'agent' }),
  agentId: nullable(str({ example: 'anna' })),
  createdAt: time(),
  revokedAt: nullable(time()),
});

const actor = object({
  id: str({ example: '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' }),
  name: nullable(str({ example: 'floor lead' })),
  role: nullable(str({ example: 'manager' })),
});

export const SCHEMAS: Record<string, Schema> = {
  Error: object({
    error: object({
      code: str({ example: 'validation_failed' }),
      message: str({ example: 'The request is not valid.' }),
      details: {
        type: 'array',
        items: {
          type: 'object',
          properties: { field: str({ example: 'ticket.severity' }), message: str({ example: 'must be 1-4' }) },
          additionalProperties: true,
        },
      },
    }),
  }),
  Ticket: ticket,
  TicketPage: object({
    items: { type: 'array', items: ref('Ticket') },
    nextCursor: nullable(str({ example: 'MjAyNi0xMS0yM1QxMDowMDowMC4wMDBafDdi' })),
  }),
  Queue: object({ assigned: { type: 'array', items: ref('Ticket') }, available: { type: 'array', items: ref('Ticket') } }),
  Decision: decision,
  DecisionList: list('Decision'),
  ActivityList: object({
    items: {
      type: 'array',
      items: object({
        at: time(),
        kind: str({ enum: ['claimed', 'released', 'resolved', 'escalated', 'taken_back', 'routed'], example: 'claimed' }),
        actor: {
          type: 'object',
          description: '{type: "agent", agentId} | {type: "token", id, name, role} | {type: "system"}',
          properties: {
            type: str({ enum: ['agent', 'token', 'system'] }),
            agentId: str(),
            id: str(),
            name: nullable(str()),
            role: nullable(str()),
          },
          required: ['type'],
        },
        details: {
          type: 'object',
          additionalProperties: true,
          description:
            'routed: decisionId, trigger, outcome, allowedCountries, deferredUntil; escalated: country; taken_back: agentId, trigger',
        },
      }),
    },
  }),
  Organization: organization,
  OrganizationList: list('Organization'),
  Agent: agent,
  AgentList: list('Agent'),
  Consent: consent,
  ConsentList: list('Consent'),
  ConsentRequest: consentRequest,
  ConsentRequestList: list('ConsentRequest'),
  Token: token,
  TokenList: list('Token'),
  TokenCreated: object({
    id: uuid(),
    token: str({
      example: 'eea_q3Jk0x9m2Vd8sLwP4tYbN6cRfH1eGa7uZiKoXjSnM5E',
      pattern: '^eea_[A-Za-z0-9_-]{43}$',
      description: 'Shown once; stored hashed',
    }),
    role: str({ enum: ['admin', 'manager', 'agent', 'auditor'], example: 'agent' }),
    agentId: nullable(str({ example: 'anna' })),
    name: str({ example: 'Anna' }),
    createdAt: time(),
  }),
  AuditPage: object({
    items: {
      type: 'array',
      items: object({
        seq: { type: 'integer', example: 42 },
        at: time(),
        actor,
        action: str({ example: 'consent.granted' }),
        subjectType: str({ example: 'consent' }),
        subjectId: str({ example: '7b0c1e9a-3f52-4c8e-9d1a-2f6b8e4a1c33' }),
        details: { type: 'object', additionalProperties: true },
        hash: str({ example: 'a3f1…' }),
        prevHash: str({ example: '9c0d…' }),
      }),
    },
    from: time(),
    to: time(),
    truncated: { type: 'boolean', example: false },
  }),
  AuditCheckpointList: object({
    items: {
      type: 'array',
      items: object(
        {
          seq: { type: 'integer', example: 1042 },
          hash: str({ example: '9f2c4e…' }),
          at: time(),
          kid: str({ example: 'k1' }),
          jws: str({
            example: 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIiwidHlwIjoiYXVkaXQtY2hlY2twb2ludCtqd3MifQ.eyJzZXEiOjEwNDJ9.c2ln',
          }),
        },
        ['seq', 'hash', 'at', 'kid', 'jws'],
      ),
    },
    jwks: str({ example: '/.well-known/jwks.json' }),
  }),
  TransferPage: object({
    items: {
      type: 'array',
      items: object({
        ticketId: uuid(),
        agentId: str({ example: 'sam' }),
        country: country('US'),
        action: str({ enum: ['claim', 'read'], example: 'claim' }),
        consentId: nullable(uuid()),
        at: time(),
      }),
    },
    from: time(),
    to: time(),
    truncated: { type: 'boolean', example: false },
  }),
  Policy: {
    type: 'object',
    additionalProperties: true,
    properties: {
      policyVersion: str({ example: 'sha256:4f2a9c0d1e7b3a56' }),
      tiers: { type: 'object', additionalProperties: true },
      countrySets: { type: 'object', additionalProperties: true },
    },
    required: ['policyVersion', 'tiers', 'countrySets'],
  },
  Simulation: object({
    policyVersion: str({ example: 'sha256:4f2a9c0d1e7b3a56' }),
    jurisdiction: str({ enum: ['EEA', 'NON_EEA', 'UNKNOWN'], example: 'EEA' }),
    regionCountry: nullable(country('IE')),
    tier: str({ enum: ['standard', 'eea_only'], example: 'eea_only' }),
    flags: strings([]),
    routable: { type: 'boolean', example: false },
    deferredUntil: nullable(time({ example: '2026-11-30T08:00:00.000Z' })),
    allowedCountries,
    agents: {
      type: 'array',
      items: object({
        id: str({ example: 'us-1' }),
        eligible: { type: 'boolean', example: false },
        reasons: strings(['country_not_allowed']),
      }),
    },
    trace: { type: 'array', items: traceStep },
  }),
  SubjectExport: {
    type: 'object',
    additionalProperties: true,
    properties: {
      format: str(),
      requestId: uuid(),
      generatedAt: time(),
      subject: { type: 'object' },
      tickets: { type: 'array', items: { type: 'object' } },
    },
    required: ['requestId', 'tickets'],
  },
  Erasure: object({
    requestId: uuid(),
    erased: { type: 'object', additionalProperties: { type: 'integer' }, example: { tickets: 2, pseudonyms: 4, freeTexts: 1 } },
  }),
  WebhookAccepted: object({
    ticketId: uuid(),
    status: str({ example: 'received' }),
    duplicate: { type: 'boolean', example: false },
  }),
  Health: { type: 'object', additionalProperties: true, properties: { status: str({ example: 'ok' }) }, required: ['status'] },
  SessionOpened: object({
    role: str({ example: 'agent' }),
    agentId: nullable(str({ example: 'agent-de' })),
    csrfToken: str({ example: 'pX3v0cQ2m8yT1rB6nK9sL4wE7aZ5dF0h' }),
    expiresAt: time(),
  }),
  SessionClosed: object({ ended: { type: 'integer', example: 1 } }),
  Session: object({
    role: str({ example: 'agent' }),
    agentId: nullable(str({ example: 'agent-de' })),
    agent: nullable(
      object({
        id: str({ example: 'agent-de' }),
        name: str({ example: 'Greta' }),
        country: nullable(country()),
        status: str({ example: 'available' }),
        capacity: { type: 'integer', example: 5 },
      }),
    ),
    csrfToken: str({ example: 'pX3v0cQ2m8yT1rB6nK9sL4wE7aZ5dF0h' }),
    expiresAt: time(),
    idleMinutes: { type: 'integer', example: 30 },
  }),
};
