import { run, sql } from '@eea/database';
import { RouteReason, Tx, outboxRow } from '@eea/queue';
import { consentCoversTicket, ticketColumns } from './consent-coverage';

/** Which open tickets to route again. Each kind is one fixed statement. */
export type RoutingSelector =
  | { kind: 'tickets'; ids: string[] }
  /** What an agent holds. */
  | { kind: 'held-by'; agentId: string }
  /** Every ticket naming the organisation (as its own or among several). */
  | { kind: 'organization'; organizationId: string }
  /** What a consent covers (see consent-coverage.ts), but the tickets `except` (already routed with it). */
  | {
      kind: 'covered-by';
      consent: { ticketId: string | null; organizationId: string | null; problemRef: string | null };
      except?: string[];
    }
  /** Committed but never routed since `before` (a lost job, a crash mid-routing); at most `limit`. */
  | { kind: 'unrouted'; before: Date; limit: number }
  /** Deferred until `at` or earlier; at most `limit`. */
  | { kind: 'deferral-due'; at: Date; limit: number }
  /** Routed under another policy version than `version`; at most `limit`. */
  | { kind: 'policy-outdated'; version: string; limit: number };

type Kind = RoutingSelector['kind'];

/** Each selector's condition over `tickets t`, and its parameters from $1. */
const CONDITIONS: { [K in Kind]: [where: string, params: (s: Extract<RoutingSelector, { kind: K }>) => unknown[]] } = {
  tickets: ['t.id = ANY($1::uuid[])', (s) => [s.ids]],
  'held-by': [`t.status = 'assigned' AND t.assignee_id = $1`, (s) => [s.agentId]],
  organization: ['(t.organization_id = $1 OR t.organization_ids @> ARRAY[$1::text])', (s) => [s.organizationId]],
  'covered-by': [
    `${consentCoversTicket({ ticketId: '$1::uuid', organizationId: '$2::text', problemRef: '$3::text' }, ticketColumns('t'))}
       AND NOT (t.id = ANY($4::uuid[]))`,
    (s) => [s.consent.ticketId, s.consent.organizationId, s.consent.problemRef, s.except ?? []],
  ],
  // Bounded per pass so that one sweep never holds locks on the whole table.
  unrouted: [
    `t.id IN (SELECT u.id FROM tickets u WHERE u.status = 'received' AND u.updated_at < $1 LIMIT $2)`,
    (s) => [s.before, s.limit],
  ],
  'deferral-due': [
    `t.id IN (SELECT u.id FROM tickets u WHERE u.status = 'deferred' AND u.deferred_until <= $1 LIMIT $2)`,
    (s) => [s.at, s.limit],
  ],
  'policy-outdated': [
    `t.id IN (SELECT u.id FROM tickets u WHERE u.policy_version IS DISTINCT FROM $1 AND u.status NOT IN ('received', 'resolved') LIMIT $2)`,
    (s) => [s.version, s.limit],
  ],
};

const STATEMENTS = Object.fromEntries(
  Object.entries(CONDITIONS).map(([kind, [where]]) => [
    kind,
    sql<{ id: string; revision: number }>(
      `tickets.request_routing.${kind}`,
      `
      UPDATE tickets t SET revision = t.revision + 1, updated_at = now()
       WHERE t.status <> 'resolved' AND ${where}
      RETURNING t.id, t.revision`,
    ),
  ]),
) as Record<Kind, ReturnType<typeof sql<{ id: string; revision: number }>>>;

/**
 * Asks for the selected open tickets to be routed again, inside `tx`. Every request bumps the ticket's
 * revision, so its job id is new and BullMQ never drops it as a duplicate of an old job. Returns the
 * ids of the tickets it asked for.
 */
export async function requestRouting(tx: Tx, reason: RouteReason, selector: RoutingSelector): Promise<string[]> {
  const params = (CONDITIONS[selector.kind][1] as (s: RoutingSelector) => unknown[])(selector);
  const rows = await run(tx.db, STATEMENTS[selector.kind], params);
  await tx.stageAll(rows.map((r) => outboxRow('route-ticket', { ticketId: r.id, revision: r.revision, reason })));
  return rows.map((r) => r.id);
}
