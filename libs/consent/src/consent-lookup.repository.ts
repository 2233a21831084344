import { Db, run, sql } from '@eea/database';
import type { ConsentFacts } from '@eea/policy';

/*
 * @deprecated, the whole file: kept only while libs/routing/src/ticket-context.ts imports it. The
 * consents covering a ticket are read with `consentsCoveringTicket` from @eea/tickets (built on
 * `consentCoversTicket`, the one definition of coverage); delete this file when routing uses it.
 */

export interface ConsentScopeKey {
  id: string;
  organizationId: string;
  problemRef: string | null;
}

/** @deprecated use `consentCoversTicket` from @eea/tickets */
export function consentScopeSql(p: { id: string; org: string; problem: string; now: string }): string {
  return `c.revoked_at IS NULL AND c.expires_at > ${p.now}
    AND (c.ticket_id = ${p.id} OR (${p.problem}::text IS NOT NULL AND c.organization_id = ${p.org} AND c.problem_ref = ${p.problem}))`;
}

const FOR_TICKET = sql<ConsentFacts>(
  'consents.for_ticket',
  `
  SELECT c.id, c.countries, c.granted_at AS "grantedAt", c.expires_at AS "expiresAt", c.revoked_at AS "revokedAt"
    FROM consents c
   WHERE ${consentScopeSql({ id: '$1', org: '$2', problem: '$3', now: '$4' })}
   ORDER BY c.granted_at, c.id`,
);

/** @deprecated use `consentsCoveringTicket` from @eea/tickets */
export function consentsForTicket(db: Db, t: ConsentScopeKey, now: Date): Promise<ConsentFacts[]> {
  return run(db, FOR_TICKET, [t.id, t.organizationId, t.problemRef, now]);
}
