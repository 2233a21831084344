/**
 * The response shapes of the API as OpenAPI 3 schemas (`components.schemas`), with one example each.
 * The views they describe live with their domains (toTicketView, toConsentView, ...); e2e tests pin both.
 */
import { ACTIVITY_KINDS } from '@eea/tickets';
import { country, list, nullable, object, ref, str, strings, time, uuid, type Schema } from './openapi-schema-builders';
import {
  actor,
  agent,
  allowedCountries,
  consent,
  consentRequest,
  decision,
  organization,
  ticket,
  token,
  traceStep,
} from './openapi-entity-schemas';

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
        kind: str({ enum: [...ACTIVITY_KINDS, 'routed'], example: 'claimed' }),
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
