import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { consentColumns, consentCoversTicket, ticketColumns } from './consent-coverage';
import { TicketEntity } from './ticket.entity';

/** The ticket writes and locks of the consent workflow: escalations, and what a consent's end does to them. */

/** A consent's scope given as parameters $1 (ticket), $2 (organisation), $3 (problem reference). */
const CONSENT_PARAMS = { ticketId: '$1::uuid', organizationId: '$2::text', problemRef: '$3::text' };
const COVERED = consentCoversTicket(CONSENT_PARAMS, ticketColumns('t'));

type ConsentScope = { ticketId: string | null; organizationId: string | null; problemRef: string | null };
const scopeParams = (c: ConsentScope) => [c.ticketId, c.organizationId, c.problemRef];

const LOCK = sql<TicketEntity>(
  'tickets.lock_for_escalation',
  `SELECT ${entitySelectList(TicketEntity, 't')} FROM tickets t WHERE t.id = $1 FOR UPDATE`,
);

/** The ticket, locked for the rest of the transaction (a consent completing its escalation). */
export async function lockTicketForEscalation(db: Db, ticketId: string): Promise<TicketEntity | undefined> {
  const row = await runOne(db, LOCK, [ticketId]);
  return row && Object.assign(new TicketEntity(), row);
}

const LOCK_COVERED = sql<TicketEntity>(
  'tickets.lock_covered_by_consent',
  `
  SELECT ${entitySelectList(TicketEntity, 't')}
    FROM tickets t
   WHERE ${COVERED} AND t.status <> 'resolved'
   ORDER BY t.id
     FOR UPDATE`,
);

/** The open tickets a consent covers, locked in id order (as every multi-ticket lock is) so that two changes cannot deadlock. */
export async function lockTicketsCoveredBy(db: Db, consent: ConsentScope): Promise<TicketEntity[]> {
  return (await run(db, LOCK_COVERED, scopeParams(consent))).map((row) => Object.assign(new TicketEntity(), row));
}

const CLEAR_LAPSED = sql<{ id: string }>(
  'tickets.clear_lapsed_escalations',
  `
  UPDATE tickets t SET escalation_country = NULL, updated_at = now()
   WHERE ${COVERED} AND t.status <> 'resolved' AND t.escalation_country = ANY($4::text[])
     AND NOT EXISTS (
       SELECT 1 FROM consents o
        WHERE o.revoked_at IS NULL AND o.granted_at <= $5 AND o.expires_at > $5
          AND t.escalation_country = ANY(o.countries)
          AND ${consentCoversTicket(consentColumns('o'), ticketColumns('t'))})
  RETURNING t.id`,
);

/**
 * When a consent ends (revoked or expired), a ticket it covered that was escalated to one of its
 * countries loses that escalation — unless another active consent still unlocks the country.
 *
 * Why clear rather than leave the ticket stranded: the engine would strand it (the escalation
 * target is no longer permitted, so nobody is eligible) and no one could pick it up again until a
 * new consent arrived. Clearing falls back to the tier's own pool, which never widens residency
 * (it is the ticket's baseline, without any consent) and keeps the customer's ticket being worked.
 * A new escalation then needs a new consent. Returns the ids of the tickets whose escalation ended.
 */
export async function clearLapsedEscalations(
  db: Db,
  consent: ConsentScope & { countries: string[] },
  now: Date,
): Promise<string[]> {
  return (await run(db, CLEAR_LAPSED, [...scopeParams(consent), consent.countries, now])).map((r) => r.id);
}
