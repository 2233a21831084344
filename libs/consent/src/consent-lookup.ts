import { EntityManager } from 'typeorm';
import type { ConsentFacts } from '@eea/policy';

export interface ConsentScopeKey {
  id: string;
  organizationId: string;
  problemRef: string | null;
}

/**
 * The one definition of which consents may cover a ticket: its own, or its organisation's consent
 * for its problem reference, not revoked and not yet expired. SQL over consents aliased `c`, with
 * placeholders for the ticket id, organisation id, problem reference and now. The policy engine
 * still decides which of them are active at `now`.
 */
export function consentScopeSql(p: { id: string; org: string; problem: string; now: string }): string {
  return `c.revoked_at IS NULL AND c.expires_at > ${p.now}
    AND (c.ticket_id = ${p.id} OR (${p.problem}::text IS NOT NULL AND c.organization_id = ${p.org} AND c.problem_ref = ${p.problem}))`;
}

interface ConsentRow {
  id: string;
  countries: string[];
  granted_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export async function consentsForTicket(manager: EntityManager, t: ConsentScopeKey, now: Date): Promise<ConsentFacts[]> {
  const rows: ConsentRow[] = await manager.query(
    `SELECT c.id, c.countries, c.granted_at, c.expires_at, c.revoked_at FROM consents c
      WHERE ${consentScopeSql({ id: '$1', org: '$2', problem: '$3', now: '$4' })} ORDER BY c.granted_at, c.id`,
    [t.id, t.organizationId, t.problemRef, now],
  );
  return rows.map((c) => ({
    id: c.id,
    countries: c.countries,
    grantedAt: c.granted_at,
    expiresAt: c.expires_at,
    revokedAt: c.revoked_at,
  }));
}
