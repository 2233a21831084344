import { EntityManager } from 'typeorm';
import type { ConsentFacts } from '@eea/policy';
import { ConsentEntity } from './consent.entity';

export interface ConsentScopeKey { id: string; organizationId: string; problemRef: string | null }

/**
 * Consents that may cover a ticket now: its own, or its organisation's consent for its problem.
 * The policy engine decides which of them are active at `now`.
 */
export async function consentsForTicket(manager: EntityManager, t: ConsentScopeKey, now: Date): Promise<ConsentFacts[]> {
  const rows: ConsentEntity[] = await manager.getRepository(ConsentEntity).createQueryBuilder('c')
    .where('c.revoked_at IS NULL AND c.expires_at > :now', { now })
    .andWhere(t.problemRef
      ? '(c.ticket_id = :id OR (c.organization_id = :org AND c.problem_ref = :problem))'
      : 'c.ticket_id = :id', { id: t.id, org: t.organizationId, problem: t.problemRef })
    .getMany();
  return rows.map((c) => ({ id: c.id, countries: c.countries, grantedAt: c.grantedAt, expiresAt: c.expiresAt, revokedAt: c.revokedAt }));
}
