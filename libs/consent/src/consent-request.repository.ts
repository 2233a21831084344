import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { ConsentRequestEntity, ConsentRequestStatus } from './consent-request.entity';

const COLUMNS = entitySelectList(ConsentRequestEntity, 'r');
const toRequest = (row: ConsentRequestEntity) => Object.assign(new ConsentRequestEntity(), row);

const FIND = sql<ConsentRequestEntity>('consent_requests.find', `SELECT ${COLUMNS} FROM consent_requests r WHERE r.id = $1`);
const LOCK = sql<ConsentRequestEntity>(
  'consent_requests.lock',
  `SELECT ${COLUMNS} FROM consent_requests r WHERE r.id = $1 FOR UPDATE`,
);

export async function findConsentRequest(db: Db, id: string): Promise<ConsentRequestEntity | undefined> {
  const row = await runOne(db, FIND, [id]);
  return row && toRequest(row);
}

/** The request, locked for the rest of the transaction. */
export async function lockConsentRequest(db: Db, id: string): Promise<ConsentRequestEntity | undefined> {
  const row = await runOne(db, LOCK, [id]);
  return row && toRequest(row);
}

const PENDING_FOR = sql<{ id: string }>(
  'consent_requests.pending_for',
  `
  SELECT r.id FROM consent_requests r
   WHERE r.ticket_id = $1 AND r.country = $2 AND r.status = 'pending' AND r.expires_at > $3
   LIMIT 1`,
);

/** The id of the live pending request for this ticket and country, if any. */
export async function pendingConsentRequestId(db: Db, ticketId: string, country: string, now: Date): Promise<string | undefined> {
  return (await runOne(db, PENDING_FOR, [ticketId, country, now]))?.id;
}

export type NewConsentRequest = Pick<
  ConsentRequestEntity,
  'ticketId' | 'organizationId' | 'externalId' | 'requestedByAgentId' | 'country' | 'reason' | 'expiresAt'
>;

const INSERT = sql<ConsentRequestEntity>(
  'consent_requests.insert',
  `
  INSERT INTO consent_requests AS r (ticket_id, organization_id, external_id, requested_by_agent_id, country, reason,
         status, consent_id, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6, 'pending', NULL, $7)
  RETURNING ${COLUMNS}`,
);

/** A new pending request. */
export async function insertConsentRequest(db: Db, r: NewConsentRequest): Promise<ConsentRequestEntity> {
  const [row] = await run(db, INSERT, [
    r.ticketId,
    r.organizationId,
    r.externalId,
    r.requestedByAgentId,
    r.country,
    r.reason,
    r.expiresAt,
  ]);
  return toRequest(row);
}

const EXTEND = sql('consent_requests.extend', `UPDATE consent_requests SET expires_at = $2 WHERE id = $1`);

export async function extendConsentRequest(db: Db, id: string, expiresAt: Date): Promise<void> {
  await run(db, EXTEND, [id, expiresAt]);
}

const GRANTED = sql('consent_requests.granted', `UPDATE consent_requests SET status = 'granted', consent_id = $2 WHERE id = $1`);

export async function markConsentRequestGranted(db: Db, id: string, consentId: string): Promise<void> {
  await run(db, GRANTED, [id, consentId]);
}

const DENIED = sql('consent_requests.denied', `UPDATE consent_requests SET status = 'denied' WHERE id = $1`);

export async function markConsentRequestDenied(db: Db, id: string): Promise<void> {
  await run(db, DENIED, [id]);
}

const EXPIRE_DUE = sql<{ id: string; ticketId: string }>(
  'consent_requests.expire_due',
  `
  UPDATE consent_requests SET status = 'expired'
   WHERE id IN (SELECT id FROM consent_requests WHERE status = 'pending' AND expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
  RETURNING id, ticket_id AS "ticketId"`,
);

/** Marks pending requests past their expiry as expired, at most `limit`, and returns them. */
export function expireDueConsentRequests(db: Db, now: Date, limit: number): Promise<Array<{ id: string; ticketId: string }>> {
  return run(db, EXPIRE_DUE, [now, limit]);
}

const LIST = sql<ConsentRequestEntity>(
  'consent_requests.list',
  `SELECT ${COLUMNS} FROM consent_requests r WHERE r.status = $1 ORDER BY r.created_at, r.id LIMIT $2`,
);

/** Oldest first, at most `limit`. */
export async function listConsentRequests(db: Db, status: ConsentRequestStatus, limit: number): Promise<ConsentRequestEntity[]> {
  return (await run(db, LIST, [status, limit])).map(toRequest);
}
