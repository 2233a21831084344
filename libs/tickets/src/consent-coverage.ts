/**
 * The one definition, in SQL, of which tickets a consent covers: the ticket it names, or every ticket of
 * its organisation with its problem reference. Given SQL expressions for the consent's and the ticket's
 * columns; the ticket store uses it in both directions (the consents that may cover a ticket, the
 * tickets a consent covers), and `test/consent-coverage.e2e-spec.ts` holds both directions to the rule.
 * Which covering consents are active at a given time is the policy engine's (`libs/policy/src/consent.ts`).
 */
export function consentCoversTicket(
  c: { ticketId: string; organizationId: string; problemRef: string },
  t: { id: string; organizationId: string; problemRef: string },
): string {
  return `(${c.ticketId} = ${t.id} OR (${t.problemRef} IS NOT NULL AND ${c.organizationId} = ${t.organizationId} AND ${c.problemRef} = ${t.problemRef}))`;
}

/** The columns of a consents row aliased `alias`. */
export const consentColumns = (alias: string) => ({
  ticketId: `${alias}.ticket_id`,
  organizationId: `${alias}.organization_id`,
  problemRef: `${alias}.problem_ref`,
});

/** The columns of a tickets row aliased `alias`. */
export const ticketColumns = (alias: string) => ({
  id: `${alias}.id`,
  organizationId: `${alias}.organization_id`,
  problemRef: `${alias}.problem_ref`,
});
