import { INTAKE_FLAGS, TicketEntity } from '@eea/tickets';
import type { IntakeCommand } from './intake-command';

export interface TicketChange {
  patch: Partial<TicketEntity>;
  /** A routing fact changed, or the ticket was reopened: the router must evaluate it again. */
  reroute: boolean;
}

export interface RequesterHashes {
  email: string | null;
  phone: string | null;
  external?: string | null;
}

const INTAKE = new Set<string>(INTAKE_FLAGS);

/**
 * What a newer delivery changes on a stored ticket. Pure, so that the rules (what re-routes, what
 * closes, what reopens) are testable without a database.
 */
export function ticketChange(t: TicketEntity, c: IntakeCommand, now: Date, hashes: RequesterHashes): TicketChange {
  const patch: Partial<TicketEntity> = {};
  const set = <K extends keyof TicketEntity>(key: K, value: TicketEntity[K], same = t[key] === value) => {
    if (!same) patch[key] = value;
    return !same;
  };
  const organizationIds = c.organizationIds?.length ? c.organizationIds : null;
  const routingChanged = [
    set('organizationId', c.organizationId),
    set('organizationIds', organizationIds, sameList(t.organizationIds ?? [], organizationIds ?? [])),
    set('region', c.region),
    set('severity', c.severity),
    set('category', c.category),
    set('skills', c.skills, sameSet(t.skills, c.skills)),
    set('problemRef', c.problemRef),
  ].some(Boolean);
  set('language', c.language);
  if (c.externalKey) set('externalKey', c.externalKey);
  // The delivery's own flags replace those of the delivery before it; policy and alarm flags stay.
  const flags = [...t.flags.filter((f) => !INTAKE.has(f)), ...(c.flags ?? [])];
  set('flags', flags, sameList(t.flags, flags));
  if (c.updatedAt.getTime() !== t.sourceUpdatedAt.getTime()) patch.sourceUpdatedAt = c.updatedAt;
  if (c.sentAt && c.sentAt.getTime() !== t.sourceSentAt?.getTime()) patch.sourceSentAt = c.sentAt;
  // A delivery without requester data leaves the stored pseudonyms alone.
  if (hashes.email) set('requesterEmailHash', hashes.email);
  if (hashes.phone) set('requesterPhoneHash', hashes.phone);
  if (hashes.external) set('requesterExternalHash', hashes.external);

  if (c.statusKnown === false) return { patch, reroute: routingChanged && t.status !== 'resolved' };
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

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
