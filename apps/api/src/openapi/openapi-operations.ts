/**
 * What each operation does, in words, with its success answer and the refusals it gives beyond the
 * common ones (401, 403, 429, 503, and 400/404 where it takes input or a path id). Keyed like
 * ACCESS_RULES, which supplies who may call it.
 */
export interface OperationDoc {
  summary: string;
  description: string;
  /** Status and component schema of the success answer; `null` schema: no body (204). `csv`: also answers text/csv. */
  ok: { status: number; schema: string | null; csv?: boolean; text?: boolean };
  errors?: Record<number, string>;
}

export const OPERATIONS: Record<string, OperationDoc> = {
  'GET /health/live': { summary: 'Liveness', description: 'The process runs. No token.', ok: { status: 200, schema: 'Health' } },
  'GET /health/ready': {
    summary: 'Readiness',
    description: 'PostgreSQL and Redis answer; 503 otherwise. No token.',
    ok: { status: 200, schema: 'Health' },
    errors: { 503: 'A backing service does not answer.' },
  },
  'GET /metrics': {
    summary: 'Prometheus metrics',
    description: 'Prometheus text format. Open without a token on METRICS_PORT only.',
    ok: { status: 200, schema: null, text: true },
  },
  'POST /v1/webhooks/{source}': {
    summary: 'Receive a ticket from a ticketing system',
    description:
      'Signed delivery from `generic`, `zendesk` or `jira` (README, "Connecting your ticketing system"). 202 once the ticket is committed; a repeated delivery answers the first answer with `duplicate: true`. No bearer token: the signature authenticates.',
    ok: { status: 202, schema: 'WebhookAccepted' },
    errors: {
      401: 'Bad or missing webhook signature, stale timestamp, or no secret configured for the source.',
      413: 'Body too large.',
    },
  },
  'POST /v1/tokens': {
    summary: 'Create a token',
    description:
      'Opaque `eea_…` bearer token for a role; shown once in this answer, stored hashed. An agent token names an existing agent (400 otherwise).',
    ok: { status: 201, schema: 'TokenCreated' },
  },
  'GET /v1/tokens': {
    summary: 'List tokens',
    description: 'Every token without its secret, newest first (at most 1000).',
    ok: { status: 200, schema: 'TokenList' },
  },
  'DELETE /v1/tokens/{id}': {
    summary: 'Revoke a token',
    description: 'Idempotent; the token fails its very next request.',
    ok: { status: 200, schema: 'Token' },
  },
  'PUT /v1/organizations/{id}': {
    summary: 'Create or update an organisation',
    description: 'Its support tier decides the countries and hours of its EEA tickets; a tier change re-routes its tickets.',
    ok: { status: 200, schema: 'Organization' },
  },
  'GET /v1/organizations': {
    summary: 'List organisations',
    description: 'Every organisation, by id.',
    ok: { status: 200, schema: 'OrganizationList' },
  },
  'GET /v1/organizations/{id}': {
    summary: 'Read an organisation',
    description: 'One organisation and its support tier.',
    ok: { status: 200, schema: 'Organization' },
  },
  'PUT /v1/agents/{id}': {
    summary: 'Create or update an agent',
    description:
      'Country (the hard filter of routing), skills, languages, capacity. A new agent is `offline`. A country or skill change re-routes what it holds.',
    ok: { status: 200, schema: 'Agent' },
  },
  'GET /v1/agents': {
    summary: 'List agents',
    description: 'Agents with presence and load (`activeTickets`), filtered by `status` and `country`.',
    ok: { status: 200, schema: 'AgentList' },
  },
  'GET /v1/agents/{id}': {
    summary: 'Read an agent',
    description: 'One agent with its presence and the number of tickets it holds.',
    ok: { status: 200, schema: 'Agent' },
  },
  'POST /v1/agents/{id}/status': {
    summary: "Set an agent's status",
    description:
      '`available` agents claim; `away` and `offline` ones get 409 agent_unavailable. Offline agents keep their tickets for OFFLINE_GRACE_SECONDS.',
    ok: { status: 200, schema: 'Agent' },
  },
  'GET /v1/tickets': {
    summary: 'List tickets',
    description: 'Keyset-paginated by creation: pass `nextCursor` back as `cursor`; null on the last page.',
    ok: { status: 200, schema: 'TicketPage' },
  },
  'GET /v1/tickets/{id}': {
    summary: 'Read a ticket',
    description:
      'Routing facts only, never requester data. An agent sees a ticket only while it may work it (404 otherwise); its read of a restricted ticket is logged.',
    ok: { status: 200, schema: 'Ticket' },
  },
  'GET /v1/tickets/{id}/decisions': {
    summary: 'Routing decisions of a ticket',
    description:
      'Newest first, each with its trigger, policy version and trace. Written only when an evaluation changed something.',
    ok: { status: 200, schema: 'DecisionList' },
  },
  'GET /v1/tickets/{id}/activity': {
    summary: 'Activity of a ticket',
    description:
      "Claims, releases, resolutions, escalations, take-backs and re-routes (decisions), oldest first, with who (agent id, or the token's name and role, or the system) and when.",
    ok: { status: 200, schema: 'ActivityList' },
  },
  'POST /v1/tickets/{id}/claim': {
    summary: 'Claim one named ticket',
    description:
      'Assigns the ticket to the calling agent after a live re-check of the policy. Claiming a ticket it already holds answers it again.',
    ok: { status: 200, schema: 'Ticket' },
    errors: {
      409: 'Another agent holds the ticket, the agent is at capacity (`conflict`), or the agent is not available (`agent_unavailable`).',
    },
  },
  'POST /v1/tickets/{id}/release': {
    summary: 'Release a held ticket',
    description: 'Back to the queue (re-routed as it is now).',
    ok: { status: 200, schema: 'Ticket' },
  },
  'POST /v1/tickets/{id}/resolve': {
    summary: 'Resolve a held ticket',
    description: 'The ticket is `resolved` and leaves its assignee.',
    ok: { status: 200, schema: 'Ticket' },
  },
  'POST /v1/tickets/{id}/escalations': {
    summary: 'Escalate a held ticket to a country',
    description:
      "Allowed now: 202, the ticket leaves the caller and is queued for agents of that country only. Otherwise 409 `consent_required` with `details: [{consentRequestId}]`: managers are asked for the customer's consent.",
    ok: { status: 202, schema: 'Ticket' },
    errors: { 409: "The customer's consent is needed (`consent_required`)." },
  },
  'GET /v1/me/queue': {
    summary: 'My queue',
    description: 'What the calling agent holds and what it may claim now, best first (severity, then waiting time).',
    ok: { status: 200, schema: 'Queue' },
  },
  'POST /v1/me/claims': {
    summary: 'Claim the next ticket',
    description: '200 with the best ticket the agent may work now, or 204 when nothing eligible is waiting.',
    ok: { status: 200, schema: 'Ticket' },
    errors: { 409: 'The agent is not available (`agent_unavailable`).' },
  },
  'GET /v1/consent-requests': {
    summary: 'List consent requests',
    description:
      "Escalations waiting for the customer's consent (pending by default), with the customer, the ticket's id in its ticketing system, the country, reason, requester and expiry.",
    ok: { status: 200, schema: 'ConsentRequestList' },
  },
  'GET /v1/consents': {
    summary: 'List consents',
    description:
      "Filter by `active` (true: in force now), `ticketId` (its own and its problem's consents) and `organizationId`. Newest first, at most 1000.",
    ok: { status: 200, schema: 'ConsentList' },
  },
  'POST /v1/consents': {
    summary: "Record a customer's consent",
    description:
      'Scope: `ticketId`, or `organizationId` + `problemRef`, or a `consentRequestId` alone (its ticket). Only countries the policy lets a consent unlock; at most `maxDurationDays`. Re-routes what it covers; completes the escalation it answers.',
    ok: { status: 201, schema: 'Consent' },
    errors: { 409: 'The consent request is no longer pending.' },
  },
  'DELETE /v1/consents/{id}': {
    summary: 'Revoke a consent',
    description: 'Takes effect before it answers: agents let in only by this consent have lost its tickets.',
    ok: { status: 200, schema: 'Consent' },
  },
  'GET /v1/policy': {
    summary: 'The residency policy',
    description: 'The policy in force and its `policyVersion` (the hash recorded on every decision).',
    ok: { status: 200, schema: 'Policy' },
  },
  'POST /v1/policy/simulate': {
    summary: 'Simulate a routing decision',
    description: 'Same code path as the router; touches no stored data.',
    ok: { status: 200, schema: 'Simulation' },
  },
  'POST /v1/privacy/export': {
    summary: "Export a data subject's data",
    description:
      "Every ticket found by the subject's email, phone or external user id (as pseudonyms), with its decisions and accesses.",
    ok: { status: 200, schema: 'SubjectExport' },
  },
  'POST /v1/privacy/erase': {
    summary: 'Erase a data subject',
    description: 'Removes the pseudonyms and free texts linking tickets to the subject; routing records stay. Idempotent.',
    ok: { status: 200, schema: 'Erasure' },
  },
  'GET /v1/audit': {
    summary: 'Audit log',
    description:
      'Hash-chained entries in chain order within `from`..`to` (default the last 30 days), each naming its actor (token name and role, or the system). CSV with `Accept: text/csv` or `format=csv`; at most 10,000 rows, `truncated` / `X-Truncated` say when cut.',
    ok: { status: 200, schema: 'AuditPage', csv: true },
  },
  'GET /v1/transfers': {
    summary: 'Transfer log',
    description:
      "Every claim or read of an EEA ticket from outside its tier's countries (through a consent). CSV with `Accept: text/csv` or `format=csv`.",
    ok: { status: 200, schema: 'TransferPage', csv: true },
  },
  'POST /v1/sessions': {
    summary: 'Sign in to the console',
    description:
      'Exchanges an access token for a session cookie (HttpOnly, SameSite=Strict, Secure over TLS); the answer carries the CSRF token that changes made with the cookie must send as `X-CSRF-Token`. No bearer token: the token is in the body.',
    ok: { status: 201, schema: 'SessionOpened' },
    errors: { 401: 'The access token is unknown or revoked.' },
  },
  'GET /v1/sessions/current': {
    summary: 'The console session',
    description:
      'Who is signed in with this cookie (role, agent and, for an agent, its own country and status), the CSRF token and when the session ends. 404 with a bearer token.',
    ok: { status: 200, schema: 'Session' },
  },
  'DELETE /v1/sessions/current': {
    summary: 'Sign out of the console',
    description:
      'Ends this session, or with `everywhere=true` every session opened with the same token, and clears the cookie; answers how many sessions ended. 404 with a bearer token.',
    ok: { status: 200, schema: 'SessionClosed' },
  },
  'GET /v1/audit/checkpoints': {
    summary: 'Signed checkpoints of the audit chain',
    description:
      'The latest 1,000 signed checkpoints of the chain head, newest first: compact JWS (EdDSA, `kid`, typ `audit-checkpoint+jws`) over {seq, hash, at}, verifiable with /.well-known/jwks.json. Keep copies: `npm run audit:verify -- --checkpoint <file>` reports a deleted tail or a rewritten entry against them.',
    ok: { status: 200, schema: 'AuditCheckpointList' },
  },
  'GET /v1/consent-requests/{id}': {
    summary: 'Read a consent request',
    description:
      'One consent request and how it was answered (pending, granted, denied by the customer with when and an optional note, expired). Managers, and the agent that raised it.',
    ok: { status: 200, schema: 'ConsentRequest' },
  },
};
