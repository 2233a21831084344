import { Db, entitySelectList, run, sql } from '@eea/database';
import { DecisionEntity } from './decision.entity';

const BY_TICKET = sql<Record<string, unknown>>(
  'decisions.by_ticket',
  `SELECT ${entitySelectList(DecisionEntity, 'd')} FROM decisions d WHERE d.ticket_id = $1 ORDER BY d.seq DESC LIMIT $2`,
);

/** The ticket's decisions, newest first, at most `limit`. */
export async function ticketDecisions(db: Db, ticketId: string, limit: number): Promise<DecisionEntity[]> {
  const rows = await run(db, BY_TICKET, [ticketId, limit]);
  // seq is a bigint (pg gives a string); the entity reads it as a number.
  return rows.map((r) => Object.assign(new DecisionEntity(), r, { seq: Number(r.seq) }));
}
