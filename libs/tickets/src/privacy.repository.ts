import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { DecisionEntity } from './decision.entity';
import { TicketAccessEntity } from './ticket-access.entity';
import { TicketEntity } from './ticket.entity';

/** The requester pseudonyms a ticket keeps, by the kind of identifier they were made from. */
export type RequesterPseudonymKind = 'email' | 'phone' | 'external_user';

const PSEUDONYM_COLUMN: Record<RequesterPseudonymKind, string> = {
  email: 'requester_email_hash',
  phone: 'requester_phone_hash',
  external_user: 'requester_external_hash',
};

const TICKET_COLUMNS = entitySelectList(TicketEntity, 't');

/** Per kind: the tickets carrying one of the pseudonyms, oldest first; and the same, locked. */
const BY_PSEUDONYM = Object.fromEntries(
  Object.entries(PSEUDONYM_COLUMN).map(([kind, column]) => {
    const text = `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.${column} = ANY($1::text[]) ORDER BY t.created_at`;
    return [
      kind,
      {
        read: sql<TicketEntity>(`tickets.by_${column}`, text),
        lock: sql<TicketEntity>(`tickets.lock_by_${column}`, `${text} FOR UPDATE`),
      },
    ];
  }),
) as Record<RequesterPseudonymKind, { read: ReturnType<typeof sql<TicketEntity>>; lock: ReturnType<typeof sql<TicketEntity>> }>;

/** The tickets whose `kind` pseudonym is one of `pseudonyms`, oldest first; `lock` holds them until the transaction ends. */
export async function ticketsByRequesterPseudonym(
  db: Db,
  kind: RequesterPseudonymKind,
  pseudonyms: string[],
  options: { lock?: boolean } = {},
): Promise<TicketEntity[]> {
  const statement = BY_PSEUDONYM[kind][options.lock ? 'lock' : 'read'];
  return (await run(db, statement, [pseudonyms])).map((r) => Object.assign(new TicketEntity(), r));
}

const DECISIONS = sql<DecisionEntity>(
  'decisions.of_tickets',
  `SELECT ${entitySelectList(DecisionEntity, 'd')} FROM decisions d WHERE d.ticket_id = ANY($1::uuid[]) ORDER BY d.at, d.seq`,
);

/** Every decision taken about these tickets, oldest first. */
export async function decisionsOfTickets(db: Db, ticketIds: string[]): Promise<DecisionEntity[]> {
  return (await run(db, DECISIONS, [ticketIds])).map((r) => Object.assign(new DecisionEntity(), r, { seq: Number(r.seq) }));
}

const ACCESSES = sql<TicketAccessEntity>(
  'ticket_accesses.of_tickets',
  `SELECT ${entitySelectList(TicketAccessEntity, 'a')} FROM ticket_accesses a WHERE a.ticket_id = ANY($1::uuid[]) ORDER BY a.at`,
);

/** Every access by an agent to these tickets, oldest first. */
export async function accessesOfTickets(db: Db, ticketIds: string[]): Promise<TicketAccessEntity[]> {
  return (await run(db, ACCESSES, [ticketIds])).map((r) => Object.assign(new TicketAccessEntity(), r));
}

const UNLINK = sql(
  'tickets.unlink_requester',
  `
  UPDATE tickets SET requester_email_hash = NULL, requester_phone_hash = NULL, requester_external_hash = NULL, updated_at = now()
   WHERE id = ANY($1::uuid[])`,
);

/** Removes every requester pseudonym from these tickets (a data subject's erasure). */
export async function unlinkRequester(db: Db, ticketIds: string[]): Promise<void> {
  if (ticketIds.length > 0) await run(db, UNLINK, [ticketIds]);
}

const PURGE = sql<{ n: number }>(
  'tickets.purge_requester_pseudonyms',
  `
  WITH purged AS (
    UPDATE tickets SET requester_email_hash = NULL, requester_phone_hash = NULL, requester_external_hash = NULL
     WHERE status = 'resolved' AND resolved_at < $1
       AND (requester_email_hash IS NOT NULL OR requester_phone_hash IS NOT NULL OR requester_external_hash IS NOT NULL)
    RETURNING 1
  )
  SELECT count(*)::int AS n FROM purged`,
);

/** Removes the requester pseudonyms of tickets resolved before `cutoff` (retention); how many tickets lost them. */
export async function purgeRequesterPseudonyms(db: Db, cutoff: Date): Promise<number> {
  return (await runOne(db, PURGE, [cutoff]))!.n;
}
