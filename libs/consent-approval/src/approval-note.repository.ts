import { Db, runOne, sql } from '@eea/database';

const ERASE_NOTES = sql<{ n: number }>(
  'approval_links.erase_subject_notes',
  `
  WITH erased AS (
    UPDATE approval_links l SET note = $2 FROM consent_requests r
     WHERE l.consent_request_id = r.id AND r.ticket_id = ANY($1::uuid[]) AND l.note IS NOT NULL AND l.note <> $2
    RETURNING l.id
  )
  SELECT count(*)::int AS n FROM erased`,
);

/** A customer's note on an approval link for one of these tickets replaced by `erasedText`; how many changed. */
export async function eraseApprovalNotes(db: Db, ticketIds: string[], erasedText: string): Promise<number> {
  return (await runOne(db, ERASE_NOTES, [ticketIds, erasedText]))!.n;
}
