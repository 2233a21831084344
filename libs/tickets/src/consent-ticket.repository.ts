import { Db, run, runOne, sql } from '@eea/database';
import { consentColumns, consentCoversTicket, ticketColumns } from './consent-coverage';

/**
 * Reads of the ticket store for the consent libs: what an approval page, a receipt or a grant needs to
 * know about a ticket, and which consents cover a ticket (the coverage of consent-coverage.ts, read
 * from the ticket's side). The consent libs never read `tickets` themselves.
 */

/** What the consent workflow shows or checks of a ticket: ids and routing facts, no customer text. */
export interface ConsentTicketSummary {
  id: string;
  source: string;
  externalId: string;
  organizationId: string;
  severity: number;
  problemRef: string | null;
}

const SUMMARY = sql<ConsentTicketSummary>(
  'tickets.consent_summary',
  `
  SELECT t.id, t.source, t.external_id AS "externalId", t.organization_id AS "organizationId", t.severity,
         t.problem_ref AS "problemRef"
    FROM tickets t
   WHERE t.id = $1`,
);

export function consentTicketSummary(db: Db, ticketId: string): Promise<ConsentTicketSummary | undefined> {
  return runOne(db, SUMMARY, [ticketId]);
}

const EXISTS = sql<{ found: boolean }>(
  'tickets.consent_exists',
  `SELECT EXISTS (SELECT 1 FROM tickets t WHERE t.id = $1) AS found`,
);

export async function ticketExists(db: Db, ticketId: string): Promise<boolean> {
  return (await runOne(db, EXISTS, [ticketId]))?.found === true;
}

// The ticket's own id is the parameter, so a consent naming a ticket that is gone still counts as its own.
const COVERING_IDS = sql<{ id: string }>(
  'consents.ids_covering_ticket',
  `
  SELECT c.id
    FROM consents c LEFT JOIN tickets t ON t.id = $1
   WHERE ${consentCoversTicket(consentColumns('c'), { ...ticketColumns('t'), id: '$1::uuid' })}`,
);

/** The ids of every consent covering the ticket, whatever their state (for listings). */
export async function consentIdsCoveringTicket(db: Db, ticketId: string): Promise<string[]> {
  return (await run(db, COVERING_IDS, [ticketId])).map((r) => r.id);
}
