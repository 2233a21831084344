import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Tx } from '@eea/queue';
import { TestApp, createTestApp, seedOrganization, seedTicket } from '@eea/testing';
import { consentIdsCoveringTicket, requestRouting } from '@eea/tickets';

/**
 * Which tickets a consent covers is written once, in SQL (libs/tickets/src/consent-coverage.ts), and read in
 * both directions: the tickets a consent covers (re-routing on grant, expiry, revocation) and the consents
 * covering a ticket (evaluation, listings). For arbitrary consents, both directions give the same pairs, and
 * those of the rule as the spec states it: the consent's own ticket, or its organisation's tickets that
 * carry its problem reference.
 */
describe('consent coverage, both directions', () => {
  let t: TestApp;
  let ds: DataSource;
  const tickets: Array<{ id: string; organizationId: string; problemRef: string | null }> = [];

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.get(DataSource);
    for (const org of ['org-a', 'org-b']) await seedOrganization(t, org, 'standard');
    for (const organizationId of ['org-a', 'org-b'])
      for (const problemRef of [null, 'PRB-1', 'PRB-2']) {
        const id = await seedTicket(t, { organizationId, region: 'eu-west-1', severity: 2, problemRef: problemRef ?? undefined });
        tickets.push({ id, organizationId, problemRef });
      }
  });
  afterAll(() => t?.close());

  type Scope = { ticket: number | null; organizationId: string | null; problemRef: string | null };
  const scope: fc.Arbitrary<Scope> = fc.oneof(
    fc.record({ ticket: fc.nat({ max: 5 }), organizationId: fc.constant(null), problemRef: fc.constant(null) }),
    fc.record({
      ticket: fc.constant(null),
      organizationId: fc.constantFrom('org-a', 'org-b'),
      problemRef: fc.constantFrom<string | null>('PRB-1', 'PRB-2'),
    }),
  );

  /** The rule as SPEC 4 states it. */
  const covers = (c: Scope, ticket: (typeof tickets)[number]) =>
    (c.ticket !== null && tickets[c.ticket].id === ticket.id) ||
    (c.ticket === null &&
      ticket.problemRef !== null &&
      c.organizationId === ticket.organizationId &&
      c.problemRef === ticket.problemRef);

  it('gives the same pairs from the consent side, the ticket side and the rule', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(scope, { minLength: 1, maxLength: 4 }), async (scopes) => {
        // Everything happens in one transaction that is rolled back: each run starts from the same tickets.
        await ds
          .transaction(async (m) => {
            const consents: Array<{ id: string; scope: Scope }> = [];
            for (const s of scopes) {
              const [row] = await m.query(
                `INSERT INTO consents (ticket_id, organization_id, problem_ref, countries, approved_by_name, evidence, granted_at, expires_at)
                 VALUES ($1, $2, $3, '{US}', 'Synthetic Approver', 'test', now(), now() + interval '1 day') RETURNING id`,
                [s.ticket === null ? null : tickets[s.ticket].id, s.organizationId, s.problemRef],
              );
              consents.push({ id: row.id, scope: s });
            }
            for (const c of consents) {
              const selected = await requestRouting(new Tx(m), 'consent_granted', {
                kind: 'covered-by',
                consent: { ticketId: c.scope.ticket === null ? null : tickets[c.scope.ticket].id, ...c.scope },
              });
              const expected = tickets.filter((k) => covers(c.scope, k)).map((k) => k.id);
              expect(new Set(selected)).toEqual(new Set(expected));
            }
            for (const ticket of tickets) {
              const covering = await consentIdsCoveringTicket(m, ticket.id);
              const expected = consents.filter((c) => covers(c.scope, ticket)).map((c) => c.id);
              expect(new Set(covering)).toEqual(new Set(expected));
            }
            throw new RolledBack();
          })
          .catch((e) => {
            if (!(e instanceof RolledBack)) throw e;
          });
      }),
      { numRuns: 40 },
    );
  });
});

class RolledBack extends Error {}
