import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { ApprovalDecision, ApprovalLinkEntity } from './approval-link.entity';

const COLUMNS = entitySelectList(ApprovalLinkEntity, 'l');
const toLink = (row: ApprovalLinkEntity) => Object.assign(new ApprovalLinkEntity(), row);

const BY_TOKEN = sql<ApprovalLinkEntity>(
  'approval_links.by_token',
  `SELECT ${COLUMNS} FROM approval_links l WHERE l.token_hash = $1`,
);
const LOCK_BY_TOKEN = sql<ApprovalLinkEntity>(
  'approval_links.lock_by_token',
  `SELECT ${COLUMNS} FROM approval_links l WHERE l.token_hash = $1 FOR UPDATE`,
);

/** The link with this token hash; with `lock`, locked for the rest of the transaction. */
export async function findApprovalLink(db: Db, tokenHash: string, lock: boolean): Promise<ApprovalLinkEntity | undefined> {
  const row = await runOne(db, lock ? LOCK_BY_TOKEN : BY_TOKEN, [tokenHash]);
  return row && toLink(row);
}

export type NewApprovalLink = Pick<ApprovalLinkEntity, 'consentRequestId' | 'tokenHash' | 'createdByTokenId' | 'expiresAt'>;

const INSERT = sql<ApprovalLinkEntity>(
  'approval_links.insert',
  `
  INSERT INTO approval_links AS l (consent_request_id, token_hash, created_by_token_id, expires_at)
  VALUES ($1, $2, $3, $4)
  RETURNING ${COLUMNS}`,
);

/** A new, undecided link. */
export async function insertApprovalLink(db: Db, link: NewApprovalLink): Promise<ApprovalLinkEntity> {
  const [row] = await run(db, INSERT, [link.consentRequestId, link.tokenHash, link.createdByTokenId, link.expiresAt]);
  return toLink(row);
}

export type ApprovalLinkDecision = Pick<
  ApprovalLinkEntity,
  'decidedAt' | 'consentId' | 'note' | 'approverName' | 'approverRole'
> & { decision: ApprovalDecision };

const DECIDE = sql(
  'approval_links.decide',
  `
  UPDATE approval_links
     SET decision = $2, decided_at = $3, consent_id = $4, note = $5, approver_name = $6, approver_role = $7
   WHERE id = $1`,
);

export async function recordApprovalDecision(db: Db, linkId: string, d: ApprovalLinkDecision): Promise<void> {
  await run(db, DECIDE, [linkId, d.decision, d.decidedAt, d.consentId, d.note, d.approverName, d.approverRole]);
}

const FIRST_DECIDED = sql<ApprovalLinkEntity>(
  'approval_links.first_decided',
  `
  SELECT ${COLUMNS} FROM approval_links l
   WHERE l.consent_request_id = $1 AND l.decision IS NOT NULL
   ORDER BY l.decided_at
   LIMIT 1`,
);

/** The first decision taken on any link of the request, if one was. */
export async function firstDecidedLink(db: Db, consentRequestId: string): Promise<ApprovalLinkEntity | undefined> {
  const row = await runOne(db, FIRST_DECIDED, [consentRequestId]);
  return row && toLink(row);
}
