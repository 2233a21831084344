import fc from 'fast-check';
import { TestApp, createTestApp, waitFor } from '@eea/testing';
import { jiraIssue, sendJira, sendZendesk, zendeskTicket } from './intake-helpers';

/**
 * SPEC 5.1 meets hostile values: an authentic Zendesk or Jira delivery carrying text PostgreSQL cannot
 * hold (NUL, lone surrogates), prototype keys as vocabulary names or timestamps out of any range is
 * stored fail closed, flagged, and never answered 4xx or 5xx.
 */
describe('vendor deliveries with hostile values', () => {
  let t: TestApp;
  const ticket = async (id: string) => (await t.request('GET', `/v1/tickets/${id}`)).body;
  const routed = (id: string) =>
    waitFor(
      async () => {
        const b = await ticket(id);
        return b.status !== 'received' && b;
      },
      15_000,
      'routed',
    );

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores a Zendesk ticket whose values hold NUL, lone surrogates and prototype names, flagged', async () => {
    const res = await sendZendesk(
      t,
      zendeskTicket({
        priority: 'constructor',
        status: '__proto__',
        organization: 'acme\u0000corp',
        region: 'eu-west-1\ud800',
        tags: ['skill_voi\u0000ce', 'skill_\udc00x', 'web_widget'],
        problem_ref: 'PRB-\ud800',
        updated_at: '-271821-04-20T00:00:00Z',
      }),
    );
    expect(res.status).toBe(202);
    const b = await routed(res.body.ticketId);
    expect(b.flags).toEqual(
      expect.arrayContaining(['unmapped_priority', 'unmapped_status', 'invalid_timestamp', 'invalid_text']),
    );
    expect(b.severity).toBe(3);
    // Cleaned text can never match a configured region or organisation by accident: fail closed.
    expect(b.jurisdiction).toBe('UNKNOWN');
    expect(JSON.stringify(b)).not.toMatch(/\\u0000|\\ud800|\\udc00/);
  });

  it('stores a Jira issue with hostile labels and an epoch timestamp out of range, flagged', async () => {
    const res = await sendJira(
      t,
      jiraIssue({
        priority: { name: 'toString' },
        labels: ['region:eu-west-1', 'org:acme', 'skill:a\u0000b', 'problem:\ud800'],
        updated: -8e15,
      }),
    );
    expect(res.status).toBe(202);
    const b = await routed(res.body.ticketId);
    expect(b.flags).toEqual(expect.arrayContaining(['unmapped_priority', 'invalid_timestamp', 'invalid_text']));
  });

  it('never answers 4xx or 5xx to an authentic Zendesk delivery, whatever string values it carries', async () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\u0000', '\ud800', '__proto__', 'constructor', '-8e15', ''),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          priority: hostile,
          status: hostile,
          organization: hostile,
          region: hostile,
          tags: fc.array(hostile, { maxLength: 5 }),
          problem_ref: hostile,
          updated_at: hostile,
        }),
        async (values) => {
          const res = await sendZendesk(t, zendeskTicket(values));
          expect(res.status).toBe(202);
        },
      ),
      { numRuns: 40 },
    );
  });
});
