import type { OpenAPIObject } from '@nestjs/swagger';
import { ACCESS_RULES, routeKey } from '../access-rules';
import { OPERATIONS, OperationDoc } from './openapi-operations';
import { SCHEMAS } from './openapi-schemas';

// An OpenAPI document is open JSON, walked and extended by key.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const ERROR_EXAMPLES: Record<number, [string, string]> = {
  400: ['validation_failed', 'The request is not valid.'],
  401: ['unauthenticated', 'A valid bearer token is required.'],
  403: ['forbidden', 'This token may not do that.'],
  404: ['not_found', 'No such ticket.'],
  409: ['conflict', 'Another agent holds this ticket.'],
  413: ['payload_too_large', 'The body is larger than the limit.'],
  429: ['rate_limited', 'Too many requests; retry later.'],
  503: ['unavailable', 'A backing service is unavailable; retry later.'],
};

const OPERATION_DOCS = new Map(Object.entries(OPERATIONS).map(([k, v]) => [routeKey(k.split(' ')[0], k.split(' ')[1]), v]));
const ALL_ROLES = 4;

/**
 * Completes the generated OpenAPI document: a summary, a description and the roles (`x-roles`, from
 * ACCESS_RULES) of every operation, response schemas with an example for every status it answers,
 * and the real token format. Operations documented on their controllers keep what they say.
 */
export function enrichDocument(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, schemas: { ...(doc.components?.schemas ?? {}), ...SCHEMAS } as never };
  doc.components.securitySchemes = {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque (eea_…)',
      description: 'An opaque token `eea_` + 43 base64url characters from POST /v1/tokens, or ADMIN_TOKEN. Not a JWT.',
    },
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item as Json)) enrichOperation(routeKey(method, path), operation as Json);
  }
  return doc;
}

function enrichOperation(key: string, op: Json): void {
  const rule = ACCESS_RULES[key];
  const own = OPERATION_DOCS.get(key);
  const roles = !rule || rule.roles === 'public' ? [] : [...rule.roles];
  op['x-roles'] = roles;
  if (own) op.summary ??= own.summary;
  const who = roles.length === 0 ? 'No bearer token.' : `Roles: ${roles.join(', ')}${rule?.object ? ` (${rule.object})` : ''}.`;
  op.description = [op.description ?? own?.description, `**Who may call it.** ${who}`].filter(Boolean).join('\n\n');
  if (roles.length === 0) op.security = [];
  op.responses ??= {};
  if (own) setSuccess(op.responses, own);
  liftExamples(op.responses);
  for (const status of errorStatuses(key, op, roles.length, own)) setError(op.responses, status, own?.errors?.[status]);
}

/** Controllers that document an answer with `schema: {example}` get it where clients look: beside the schema. */
function liftExamples(responses: Json): void {
  for (const response of Object.values(responses) as Json[]) {
    for (const content of Object.values(response.content ?? {}) as Json[]) {
      if (content.example === undefined && content.schema?.example !== undefined) content.example = content.schema.example;
    }
  }
}

function setSuccess(responses: Json, own: OperationDoc): void {
  const { status, schema, csv, text } = own.ok;
  const existing = responses[status] ?? {};
  const content: Json = {};
  if (schema)
    content['application/json'] = { schema: { $ref: `#/components/schemas/${schema}` }, example: exampleOf(SCHEMAS[schema]) };
  if (csv) content['text/csv'] = { schema: { type: 'string' }, example: 'seq,at,…\r\n' };
  if (text) content['text/plain'] = { schema: { type: 'string' }, example: '# HELP eea_router_claims_total …\n' };
  responses[status] = {
    ...existing,
    description: existing.description || own.summary,
    content: { ...(existing.content ?? {}), ...content },
  };
  if (own.ok.status === 200 && own.summary === 'Claim the next ticket')
    responses[204] = { description: 'Nothing the agent may work is waiting.' };
  for (const k of Object.keys(responses)) if (/^2\d\d$/.test(k) && Number(k) !== status && k !== '204') delete responses[k];
}

function errorStatuses(key: string, op: Json, roleCount: number, own?: OperationDoc): number[] {
  const statuses = new Set<number>(Object.keys(own?.errors ?? {}).map(Number));
  // Refusals a controller declares itself get the error shape and example too.
  for (const status of Object.keys(op.responses ?? {})) if (/^[45]\d\d$/.test(status)) statuses.add(Number(status));
  const takesInput = Boolean(op.requestBody) || (op.parameters ?? []).length > 0;
  if (takesInput) statuses.add(400);
  if (/:\w+/.test(key)) statuses.add(404);
  if (roleCount > 0) {
    statuses.add(401);
    if (roleCount < ALL_ROLES) statuses.add(403);
  }
  if (!key.includes('/health/')) statuses.add(429);
  statuses.add(503);
  return [...statuses].sort();
}

function setError(responses: Json, status: number, description?: string): void {
  const [code, message] = ERROR_EXAMPLES[status] ?? ['error', 'The request failed.'];
  const example = {
    error: { code, message: description ?? message, details: status === 400 ? [{ field: 'id', message: 'must be a UUID' }] : [] },
  };
  responses[status] = {
    description: description ?? message,
    ...(responses[status] ?? {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example } },
  };
}

/** An example built from the schema's own property examples. */
export function exampleOf(schema: Json | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.$ref) return exampleOf(SCHEMAS[String(schema.$ref).split('/').pop()!], depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.oneOf) return exampleOf(schema.oneOf[0], depth + 1);
  if (schema.type === 'array') return [exampleOf(schema.items, depth + 1)];
  if (schema.type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleOf(v as Json, depth + 1)]));
  }
  if (schema.nullable) return null;
  return schema.type === 'integer' || schema.type === 'number' ? 0 : schema.type === 'boolean' ? false : 'string';
}
