import type { Role } from '@eea/auth';

/**
 * Who may call what: the one table of every HTTP route, its roles and its object-level rule.
 * `@Roles(...)` on each controller is what the AuthGuard enforces; start-up (AccessRulesCheck) refuses to
 * run when the two disagree, and test/security-access.e2e-spec.ts drives every role at every route
 * against it. A route missing here does not start; a route without @Roles is denied (fail closed).
 */
export interface AccessRule {
  /** 'public': no bearer token (health, docs) or authenticated otherwise (webhook signatures). */
  roles: readonly Role[] | 'public';
  /** The check on the object itself, beyond the role: what the caller may see or change. */
  object?: string;
}

const ANY: readonly Role[] = ['admin', 'manager', 'agent', 'auditor'];
const READERS: readonly Role[] = ['admin', 'manager', 'auditor'];

export const ACCESS_RULES: Readonly<Record<string, AccessRule>> = {
  'GET /health/live': { roles: 'public' },
  'GET /health/ready': { roles: 'public' },
  'GET /.well-known/jwks.json': { roles: 'public', object: 'public keys only' },
  'GET /metrics': { roles: ['admin'], object: 'open without token on METRICS_PORT only' },
  'POST /v1/webhooks/:source': { roles: 'public', object: 'HMAC signature of the source over the raw body' },
  // bull-board, outside Nest's router: its own hook checks the token (apps/api/src/dashboard).
  'GET /admin/queues': { roles: ['admin'] },

  'POST /v1/tokens': { roles: ['admin'] },
  'GET /v1/tokens': { roles: ['admin'] },
  'DELETE /v1/tokens/:id': { roles: ['admin'] },
  'PUT /v1/organizations/:id': { roles: ['admin'] },
  'PUT /v1/agents/:id': { roles: ['admin'] },
  'POST /v1/agents/:id/status': { roles: ['admin', 'agent'], object: 'an agent only for its own id (404 otherwise)' },

  'GET /v1/tickets': { roles: READERS },
  'GET /v1/tickets/:id': { roles: ANY, object: 'an agent only while it may work the ticket (404 otherwise)' },
  'GET /v1/tickets/:id/decisions': { roles: READERS },
  'POST /v1/tickets/:id/release': { roles: ['agent'], object: 'its assignee only (404 otherwise)' },
  'POST /v1/tickets/:id/resolve': { roles: ['agent'], object: 'its assignee only (404 otherwise)' },
  'POST /v1/tickets/:id/escalations': { roles: ['agent'], object: 'its assignee only (404 otherwise)' },
  'GET /v1/me/queue': { roles: ['agent'], object: "the token's own agent" },
  'POST /v1/me/claims': { roles: ['agent'], object: "the token's own agent" },

  'GET /v1/consent-requests': { roles: ['manager'] },
  'POST /v1/consents': { roles: ['manager'] },
  'DELETE /v1/consents/:id': { roles: ['manager'] },
  'GET /v1/consent-requests/:id': { roles: ['manager', 'agent'], object: 'an agent only for requests it raised (404 otherwise)' },
  'POST /v1/consent-requests/:id/approval-links': { roles: ['manager'] },
  'GET /v1/consents/:id/receipt': { roles: READERS },
  'GET /v1/approvals/:token': { roles: 'public', object: "the approval link's token (404 when unknown or expired)" },
  'POST /v1/approvals/:token': { roles: 'public', object: "the approval link's token (404 when unknown or expired)" },
  'POST /v1/approvals/:token/revoke': { roles: 'public', object: "the approval link's token (404 when unknown or expired)" },

  'GET /v1/policy': { roles: ANY },
  'POST /v1/policy/simulate': { roles: ANY, object: 'touches no stored data' },
  'POST /v1/privacy/export': { roles: ['admin'] },
  'POST /v1/privacy/erase': { roles: ['admin'] },
  'GET /v1/audit': { roles: ['admin', 'auditor'] },
  'GET /v1/audit/checkpoints': { roles: ['admin', 'auditor'], object: 'signed chain heads only' },
  'GET /v1/transfers': { roles: ['admin', 'auditor'] },

  'GET /v1/organizations': { roles: ['admin', 'manager'] },
  'GET /v1/organizations/:id': { roles: ['admin', 'manager'] },
  'GET /v1/agents': { roles: ['admin', 'manager'] },
  'GET /v1/agents/:id': { roles: ['admin', 'manager'] },
  'GET /v1/consents': { roles: READERS },
  'POST /v1/tickets/:id/claim': { roles: ['agent'], object: 'only a ticket it may work now (404 otherwise)' },
  'GET /v1/tickets/:id/activity': { roles: READERS },

  // Console sign-in (apps/api/src/sessions); the console's static files are public (apps/api/src/console).
  'POST /v1/sessions': { roles: 'public', object: 'the access token in the body' },
  'GET /v1/sessions/current': { roles: ANY, object: "the caller's own session cookie (404 with a bearer token)" },
  'DELETE /v1/sessions/current': { roles: ANY, object: "the caller's own session cookie (404 with a bearer token)" },
};

/** "GET /v1/tickets/:id" from a method and a Nest (":id") or OpenAPI ("{id}") path. */
export function routeKey(method: string, path: string): string {
  const normalised = `/${path}`
    .replace(/\{([^}]+)\}/g, ':$1')
    .replace(/\/+/g, '/')
    .replace(/(.)\/$/, '$1');
  return `${method.toUpperCase()} ${normalised}`;
}

export interface DeclaredRoute {
  key: string;
  roles: readonly Role[] | 'public' | undefined;
}

/** Every way the declared routes and the table disagree, as sentences for the start-up error. */
export function accessRuleProblems(routes: DeclaredRoute[]): string[] {
  return routes.flatMap(({ key, roles }) => {
    const rule = ACCESS_RULES[key];
    if (!rule) return [`${key} is not in apps/api/src/access-rules.ts`];
    if (roles === undefined) return [`${key} declares neither @Roles nor @Public (it would deny everyone)`];
    if (rule.roles === 'public' || roles === 'public') {
      return rule.roles === roles ? [] : [`${key} is ${describe(roles)} but the table says ${describe(rule.roles)}`];
    }
    const same = rule.roles.length === roles.length && rule.roles.every((r) => roles.includes(r));
    return same ? [] : [`${key} declares ${describe(roles)} but the table says ${describe(rule.roles)}`];
  });
}

function describe(roles: readonly Role[] | 'public'): string {
  return roles === 'public' ? 'public' : `@Roles(${[...roles].sort().join(', ')})`;
}
