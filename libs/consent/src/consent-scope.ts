import { EntityManager } from 'typeorm';
import { queryRows } from '@eea/database';
import type { ConsentEntity } from './consent.entity';

type ScopeOf = Pick<ConsentEntity, 'ticketId' | 'organizationId' | 'problemRef'>;

/** SQL (tickets aliased `t`) for every ticket a consent covers: its one ticket, or its organisation's problem. */
export function coveredTicketsWhere(c: ScopeOf): { where: string; params: unknown[] } {
  if (c.ticketId) return { where: 't.id = $1', params: [c.ticketId] };
  return { where: 't.organization_id = $1 AND t.problem_ref = $2', params: [c.organizationId, c.problemRef] };
}

/**
 * When a consent ends (revoked or expired), a ticket it covered that was escalated to one of its
 * countries loses that escalation — unless another active consent still unlocks the country.
 *
 * Why clear rather than leave the ticket stranded: the engine would strand it (the escalation
 * target is no longer permitted, so nobody is eligible) and no one could pick it up again until a
 * new consent arrived. Clearing falls back to the tier's own pool, which never widens residency
 * (it is the ticket's baseline, without any consent) and keeps the customer's ticket being worked.
 * A new escalation then needs a new consent. Returns the ids of the tickets whose escalation ended.
 */
export async function clearLapsedEscalations(
  m: EntityManager,
  c: ScopeOf & { countries: string[] },
  now: Date,
): Promise<string[]> {
  const { where, params } = coveredTicketsWhere(c);
  const n = params.length;
  const rows = await queryRows<{ id: string }>(
    m,
    `UPDATE tickets t SET escalation_country = NULL, updated_at = now()
      WHERE (${where}) AND t.status <> 'resolved' AND t.escalation_country = ANY($${n + 1}::text[])
        AND NOT EXISTS (
          SELECT 1 FROM consents o
           WHERE o.revoked_at IS NULL AND o.granted_at <= $${n + 2} AND o.expires_at > $${n + 2}
             AND t.escalation_country = ANY(o.countries)
             AND (o.ticket_id = t.id OR (o.organization_id = t.organization_id AND o.problem_ref = t.problem_ref)))
      RETURNING t.id`,
    [...params, c.countries, now],
  );
  return rows.map((r) => r.id);
}
