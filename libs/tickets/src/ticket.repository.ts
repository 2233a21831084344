import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { TicketEntity } from './ticket.entity';

const toTicket = (row: Record<string, unknown>) => Object.assign(new TicketEntity(), row);

const BY_ID = sql<Record<string, unknown>>(
  'tickets.by_id',
  `SELECT ${entitySelectList(TicketEntity, 't')} FROM tickets t WHERE t.id = $1`,
);

export async function findTicket(db: Db, id: string): Promise<TicketEntity | null> {
  const row = await runOne(db, BY_ID, [id]);
  return row ? toTicket(row) : null;
}

const LOCK = sql<Record<string, unknown>>(
  'tickets.lock',
  `SELECT ${entitySelectList(TicketEntity, 't')} FROM tickets t WHERE t.id = $1 FOR UPDATE`,
);

/** The ticket, locked for the rest of the caller's transaction. */
export async function lockTicket(db: Db, id: string): Promise<TicketEntity | null> {
  const row = await runOne(db, LOCK, [id]);
  return row ? toTicket(row) : null;
}

const BY_IDS = sql<Record<string, unknown>>(
  'tickets.by_ids',
  `SELECT ${entitySelectList(TicketEntity, 't')} FROM tickets t WHERE t.id = ANY($1::uuid[])`,
);

/** The tickets with these ids, in the order of `ids` (missing ones left out). */
export async function ticketsByIds(db: Db, ids: string[]): Promise<TicketEntity[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await run(db, BY_IDS, [ids])).map((r) => [r.id as string, toTicket(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Filters of the manager's list; absent ones do not filter. */
export interface TicketFilter {
  status?: string;
  organizationId?: string;
  flag?: string;
  /** Keyset: tickets created after this one (created_at, id). */
  after?: { at: Date; id: string };
}

const LIST = sql<Record<string, unknown>>(
  'tickets.list',
  `
  SELECT ${entitySelectList(TicketEntity, 't')} FROM tickets t
   WHERE ($1::text IS NULL OR t.status = $1::text)
     AND ($2::text IS NULL OR t.organization_id = $2::text)
     AND ($3::text IS NULL OR (t.flags @> ARRAY[$3::text] AND t.flags <> '{}'))
     AND ($4::timestamptz IS NULL OR (t.created_at, t.id) > ($4::timestamptz, $5::uuid))
   ORDER BY t.created_at, t.id
   LIMIT $6`,
);

/** Tickets in creation order, filtered, at most `limit`. */
export async function listTickets(db: Db, filter: TicketFilter, limit: number): Promise<TicketEntity[]> {
  const rows = await run(db, LIST, [
    filter.status ?? null,
    filter.organizationId ?? null,
    filter.flag ?? null,
    filter.after?.at ?? null,
    filter.after?.id ?? null,
    limit,
  ]);
  return rows.map(toTicket);
}
