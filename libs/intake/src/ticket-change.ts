import type { TicketEntity } from '@eea/tickets';
import type { IntakeCommand } from './intake-command';

export interface TicketChange {
  patch: Partial<TicketEntity>;
  /** A routing fact changed, or the ticket was reopened: the router must evaluate it again. */
  reroute: boolean;
}

/**
 * What a newer delivery changes on a stored ticket. Pure, so that the rules (what re-routes, what
 * closes, what reopens) are testable without a database.
 */
export function ticketChange(
  t: TicketEntity, c: IntakeCommand, now: Date, hashes: { email: string | null; phone: string | null },
): TicketChange {
  const patch: Partial<TicketEntity> = {};
  const set = <K extends keyof TicketEntity>(key: K, value: TicketEntity[K], same = t[key] === value) => {
    if (!same) patch[key] = value;
    return !same;
  };
  const routingChanged = [
    set('organizationId', c.organizationId),
    set('region', c.region),
    set('severity', c.severity),
    set('category', c.category),
    set('skills', c.skills, sameSet(t.skills, c.skills)),
    set('problemRef', c.problemRef),
  ].some(Boolean);
  set('language', c.language);
  if (c.updatedAt.getTime() > t.sourceUpdatedAt.getTime()) patch.sourceUpdatedAt = c.updatedAt;
  // A delivery without requester data leaves the stored pseudonyms alone.
  if (hashes.email) set('requesterEmailHash', hashes.email);
  if (hashes.phone) set('requesterPhoneHash', hashes.phone);

  if (c.event === 'ticket.closed') {
    if (t.status !== 'resolved') {
      Object.assign(patch, { status: 'resolved', resolvedAt: now, assigneeId: null, assignedAt: null, deferredUntil: null });
    }
    return { patch, reroute: false };
  }
  if (t.status === 'resolved') {
    // Reopened in the source system: it waits anew and is routed like a new ticket.
    Object.assign(patch, { status: 'received', resolvedAt: null, waitingSince: now });
    return { patch, reroute: true };
  }
  return { patch, reroute: routingChanged };
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((x) => left.has(x));
}
