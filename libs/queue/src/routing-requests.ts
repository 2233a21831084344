import { EntityManager } from 'typeorm';
import { queryRows } from '@eea/database';
import type { RouteReason } from './job-catalogue';
import type { OutboxEntity } from './outbox.entity';
import type { OutboxService } from './outbox.service';

/**
 * Asks for tickets to be routed again, inside the caller's transaction. Every request bumps the
 * ticket's revision, so its job id is new and BullMQ never drops it as a duplicate of an old job.
 * `where` is SQL over the tickets table aliased `t`, with `$1..` bound to `params`.
 */
export async function requestRouting(
  outbox: OutboxService,
  manager: EntityManager,
  reason: RouteReason,
  where: string,
  params: unknown[],
): Promise<OutboxEntity[]> {
  const rows = await queryRows<{ id: string; revision: number }>(
    manager,
    `UPDATE tickets t SET revision = t.revision + 1, updated_at = now()
      WHERE t.status <> 'resolved' AND (${where}) RETURNING t.id, t.revision`,
    params,
  );
  const staged: OutboxEntity[] = [];
  for (const r of rows)
    staged.push(await outbox.stage(manager, 'route-ticket', { ticketId: r.id, revision: r.revision, reason }));
  return staged;
}
