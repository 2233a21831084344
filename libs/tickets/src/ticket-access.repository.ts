import { Db, entitySelectList, run, sql } from '@eea/database';
import { TicketAccessEntity } from './ticket-access.entity';

export type AccessEntry = Pick<
  TicketAccessEntity,
  'ticketId' | 'agentId' | 'country' | 'action' | 'transfer' | 'consentId' | 'at'
>;

const INSERT = sql(
  'ticket_accesses.insert',
  `
  INSERT INTO ticket_accesses (ticket_id, agent_id, country, action, transfer, consent_id, at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`,
);

/** Records one claim or read of a restricted ticket, in the caller's transaction. */
export async function recordAccess(db: Db, e: AccessEntry): Promise<void> {
  await run(db, INSERT, [e.ticketId, e.agentId, e.country, e.action, e.transfer, e.consentId, e.at]);
}

const TRANSFERS = sql<Record<string, unknown>>(
  'ticket_accesses.transfers',
  `
  SELECT ${entitySelectList(TicketAccessEntity, 'a')} FROM ticket_accesses a
   WHERE a.transfer = true AND a.at >= $1 AND a.at <= $2
   ORDER BY a.at, a.id LIMIT $3`,
);

/** The accesses that were transfers, in `[from, to]`, oldest first, at most `limit`. */
export async function listTransfers(db: Db, range: { from: Date; to: Date }, limit: number): Promise<TicketAccessEntity[]> {
  const rows = await run(db, TRANSFERS, [range.from, range.to, limit]);
  return rows.map((r) => Object.assign(new TicketAccessEntity(), r));
}
