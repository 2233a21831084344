import type { ConsentEntity } from './consent.entity';

/** SQL (tickets aliased `t`) for every ticket a consent covers: its one ticket, or its organisation's problem. */
export function coveredTicketsWhere(c: Pick<ConsentEntity, 'ticketId' | 'organizationId' | 'problemRef'>): { where: string; params: unknown[] } {
  if (c.ticketId) return { where: 't.id = $1', params: [c.ticketId] };
  return { where: 't.organization_id = $1 AND t.problem_ref = $2', params: [c.organizationId, c.problemRef] };
}
