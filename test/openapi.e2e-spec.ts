import { TestApp, createTestApp } from '@eea/testing';
import { ACCESS_RULES, routeKey } from '../apps/api/src/access-rules';

type Json = Record<string, any>;

/**
 * The API description is complete (SPEC 4, GET /docs): every operation says what it does, who may call
 * it and what it answers, with an example for every status. Fails when an operation lacks a summary,
 * its roles or a 2xx schema, so a new route cannot ship undocumented.
 */
describe('OpenAPI description', () => {
  let t: TestApp;
  let doc: Json;
  const operations: Array<{ key: string; op: Json }> = [];

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    const res = await t.request('GET', '/docs-json', { token: '' });
    expect(res.status).toBe(200);
    doc = res.body;
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) operations.push({ key: routeKey(method, path), op: op as Json });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives every operation a summary, a description and the roles that may call it', () => {
    expect(operations.length).toBeGreaterThan(30);
    const problems = operations.flatMap(({ key, op }) => {
      const rule = ACCESS_RULES[key];
      const roles = !rule || rule.roles === 'public' ? [] : [...rule.roles].sort();
      return [
        ...(typeof op.summary === 'string' && op.summary.length > 3 ? [] : [`${key}: no summary`]),
        ...(typeof op.description === 'string' && op.description.length > 20 ? [] : [`${key}: no description`]),
        ...(Array.isArray(op['x-roles']) && JSON.stringify([...op['x-roles']].sort()) === JSON.stringify(roles)
          ? []
          : [`${key}: x-roles ${JSON.stringify(op['x-roles'])} != ${JSON.stringify(roles)}`]),
        ...(roles.some((r) => !new RegExp(`Roles: [^.]*\\b${r}\\b`).test(op.description))
          ? [`${key}: roles not in the description`]
          : []),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('describes a 2xx answer with a schema, and an example for every status', () => {
    const problems = operations.flatMap(({ key, op }) => {
      const statuses = Object.keys(op.responses ?? {});
      const success = statuses.filter((s) => /^2\d\d$/.test(s) && s !== '204');
      const out: string[] = [];
      if (success.length === 0 || !success.some((s) => Object.values(op.responses[s].content ?? {}).some((c: any) => c.schema)))
        out.push(`${key}: no 2xx schema`);
      for (const s of statuses.filter((x) => x !== '204')) {
        const contents = Object.values(op.responses[s].content ?? {}) as Json[];
        if (contents.length === 0 || contents.some((c) => c.example === undefined)) out.push(`${key}: ${s} has no example`);
        if (/^[45]/.test(s) && contents[0]?.example?.error?.code === undefined)
          out.push(`${key}: ${s} example is not the error shape`);
      }
      if (!key.startsWith('GET /health') && !statuses.includes('503')) out.push(`${key}: no 503`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('shows the real token format and the right types', () => {
    const bearer = doc.components.securitySchemes.bearer;
    expect(bearer.bearerFormat).not.toMatch(/JWT/i);
    expect(bearer.description).toMatch(/eea_/);
    expect(doc.components.schemas.TokenCreated.properties.token.example).toMatch(/^eea_[A-Za-z0-9_-]{43}$/);
    expect(doc.components.schemas.PutAgentDto.properties.country).toMatchObject({ type: 'string', nullable: true });
    const claim = doc.paths['/v1/tickets/{id}/claim'].post;
    expect(claim.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/Ticket');
    expect(Object.keys(claim.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '429', '503']);
    expect(doc.paths['/health/live'].get.security).toEqual([]);
    expect(doc.paths['/v1/audit'].get.responses['200'].content['text/csv']).toBeDefined();
  });
});
