import type { Db } from '@eea/database';
import type { AuditService } from '@eea/audit';
import type { TicketEvaluation, TraceStep } from '@eea/policy';
import type { TicketEntity } from '@eea/tickets';

/**
 * Countries a re-evaluation lets in that the stored routing did not (`'*'` when the ticket became
 * unrestricted), or null when nothing widened. `null` stored countries mean unrestricted.
 */
export function widenedBy(previous: string[] | null, next: string[] | null): string[] | '*' | null {
  if (previous === null) return null;
  if (next === null) return '*';
  const before = new Set(previous);
  const added = next.filter((c) => !before.has(c)).sort();
  return added.length ? added : null;
}

/**
 * A ticket that an update, a tier change or a consent made workable from more countries: the decision
 * trace says what it now rests on and the audit log keeps it, so that a sender who moves a ticket to a
 * less restrictive organisation or a consent-covered problem is visible to managers and auditors.
 */
export async function recordWidening(
  db: Db,
  audit: AuditService,
  t: TicketEntity,
  ev: TicketEvaluation,
  added: string[] | '*',
  trace: TraceStep[],
): Promise<void> {
  const countries = added === '*' ? 'any country' : added.join(', ');
  const consents = ev.unlockedCountries.size ? `; consent unlocks ${[...ev.unlockedCountries].sort().join(', ')}` : '';
  trace.push({
    rule: 'widening',
    outcome: 'widened',
    detail: `now also workable from ${countries}: organisation ${t.organizationId} (${ev.tier}), problem ${t.problemRef ?? 'none'}${consents}`,
  });
  await audit.append(
    {
      actor: 'system',
      action: 'ticket.widened',
      subjectType: 'ticket',
      subjectId: t.id,
      details: {
        addedCountries: added,
        organizationId: t.organizationId,
        tier: ev.tier,
        problemRef: t.problemRef,
        unlockedCountries: [...ev.unlockedCountries].sort(),
        flags: ev.flags,
      },
    },
    db,
  );
}
