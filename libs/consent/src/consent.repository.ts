import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { ConsentEntity } from './consent.entity';

const COLUMNS = entitySelectList(ConsentEntity, 'c');
const toConsent = (row: ConsentEntity) => Object.assign(new ConsentEntity(), row);

const FIND = sql<ConsentEntity>('consents.find', `SELECT ${COLUMNS} FROM consents c WHERE c.id = $1`);
const LOCK = sql<ConsentEntity>('consents.lock', `SELECT ${COLUMNS} FROM consents c WHERE c.id = $1 FOR UPDATE`);

export async function findConsent(db: Db, id: string): Promise<ConsentEntity | undefined> {
  const row = await runOne(db, FIND, [id]);
  return row && toConsent(row);
}

/** The consent, locked for the rest of the transaction. */
export async function lockConsent(db: Db, id: string): Promise<ConsentEntity | undefined> {
  const row = await runOne(db, LOCK, [id]);
  return row && toConsent(row);
}

/** What a grant writes; the id and creation time come from the database. */
export type NewConsent = Omit<ConsentEntity, 'id' | 'createdAt'>;

const INSERT = sql<ConsentEntity>(
  'consents.insert',
  `
  INSERT INTO consents AS c (ticket_id, organization_id, problem_ref, countries, approved_by_name, approved_by_role,
         evidence, granted_by_token_id, consent_request_id, granted_at, expires_at, revoked_at, revoked_by_token_id,
         expiry_processed_at, approved_via, receipt)
  VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
  RETURNING ${COLUMNS}`,
);

export async function insertConsent(db: Db, c: NewConsent): Promise<ConsentEntity> {
  const [row] = await run(db, INSERT, [
    c.ticketId,
    c.organizationId,
    c.problemRef,
    c.countries,
    c.approvedByName,
    c.approvedByRole,
    c.evidence,
    c.grantedByTokenId,
    c.consentRequestId,
    c.grantedAt,
    c.expiresAt,
    c.revokedAt,
    c.revokedByTokenId,
    c.expiryProcessedAt,
    c.approvedVia,
    c.receipt,
  ]);
  return toConsent(row);
}

const REVOKE = sql('consents.revoke', `UPDATE consents SET revoked_at = $2, revoked_by_token_id = $3 WHERE id = $1`);

export async function markConsentRevoked(db: Db, id: string, at: Date, tokenId: string | null): Promise<void> {
  await run(db, REVOKE, [id, at, tokenId]);
}

const EXPIRY_PROCESSED = sql('consents.expiry_processed', `UPDATE consents SET expiry_processed_at = $2 WHERE id = $1`);

export async function markConsentExpiryProcessed(db: Db, id: string, at: Date): Promise<void> {
  await run(db, EXPIRY_PROCESSED, [id, at]);
}

const SET_RECEIPT = sql('consents.set_receipt', `UPDATE consents SET receipt = $2 WHERE id = $1`);

export async function setConsentReceipt(db: Db, id: string, receipt: string): Promise<void> {
  await run(db, SET_RECEIPT, [id, receipt]);
}

const LAPSED = sql<{ id: string }>(
  'consents.lapsed_unprocessed',
  `
  SELECT id FROM consents
   WHERE revoked_at IS NULL AND expiry_processed_at IS NULL AND expires_at <= $1
   LIMIT $2`,
);

/** Consents past their expiry whose expiry was never processed (their job was lost), at most `limit`. */
export async function lapsedConsentIds(db: Db, now: Date, limit: number): Promise<string[]> {
  return (await run(db, LAPSED, [now, limit])).map((r) => r.id);
}

export interface ConsentListFilter {
  /** true: active at `now`; false: the others. */
  active?: boolean;
  /** Only these consents (e.g. those covering a ticket). */
  ids?: string[];
  /** Problem-scoped consents of the organisation, and consents of its tickets. */
  organizationId?: string;
}

const LIST = sql<ConsentEntity>(
  'consents.list',
  `
  SELECT ${COLUMNS}
    FROM consents c
   WHERE ($2::boolean IS NULL OR (c.revoked_at IS NULL AND c.granted_at <= $1 AND c.expires_at > $1) = $2::boolean)
     AND ($3::uuid[] IS NULL OR c.id = ANY($3::uuid[]))
     AND ($4::text IS NULL OR c.organization_id = $4
          OR EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.ticket_id AND t.organization_id = $4))
   ORDER BY c.granted_at DESC, c.id DESC
   LIMIT $5`,
);

/** Newest first, at most `limit`. */
export async function listConsents(db: Db, filter: ConsentListFilter, now: Date, limit: number): Promise<ConsentEntity[]> {
  const rows = await run(db, LIST, [now, filter.active ?? null, filter.ids ?? null, filter.organizationId ?? null, limit]);
  return rows.map(toConsent);
}
