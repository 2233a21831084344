import { Db, run, runOne, sql } from '@eea/database';

/** What a data subject's export shows of a consent (who approved it and its evidence are the customer's). */
export interface SubjectConsentRow {
  id: string;
  ticketId: string | null;
  countries: string[];
  grantedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

const FOR_EXPORT = sql<SubjectConsentRow>(
  'consents.for_subject_export',
  `
  SELECT id, ticket_id AS "ticketId", countries, granted_at AS "grantedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
    FROM consents WHERE ticket_id = ANY($1::uuid[]) OR id = ANY($2::uuid[]) ORDER BY granted_at, id`,
);

/** Consents scoped to one of the tickets, or named by id (those the subject's tickets were accessed under). */
export function consentsForSubjectExport(db: Db, ticketIds: string[], consentIds: string[]): Promise<SubjectConsentRow[]> {
  return run(db, FOR_EXPORT, [ticketIds, consentIds]);
}

const ERASE_TEXT = sql<{ n: number }>(
  'consents.erase_subject_text',
  `
  WITH consents_erased AS (
    UPDATE consents SET evidence = $2 WHERE ticket_id = ANY($1::uuid[]) AND evidence <> $2 RETURNING id
  ), requests_erased AS (
    UPDATE consent_requests SET reason = $2 WHERE ticket_id = ANY($1::uuid[]) AND reason <> $2 RETURNING id
  )
  SELECT (SELECT count(*) FROM consents_erased)::int + (SELECT count(*) FROM requests_erased)::int AS n`,
);

/**
 * The evidence of consents scoped to these tickets and the reasons of their escalation requests
 * replaced by `erasedText`; how many texts changed. Consents scoped to an organisation's problem
 * cover many requesters and are left alone.
 */
export async function eraseSubjectConsentText(db: Db, ticketIds: string[], erasedText: string): Promise<number> {
  return (await runOne(db, ERASE_TEXT, [ticketIds, erasedText]))!.n;
}
