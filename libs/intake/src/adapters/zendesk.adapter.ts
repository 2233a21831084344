import { ApiError } from '@eea/http';
import type { Severity } from '@eea/policy';
import type { IntakeCommand } from '../intake-command';
import { FieldReader, normaliseRegion } from './field-readers';

export const ZENDESK_PRIORITIES: Record<string, Severity> = { urgent: 1, high: 2, normal: 3, low: 4 };
/** Zendesk's own default when an agent set none ("-" in placeholders). */
const DEFAULT_SEVERITY: Severity = 3;
const CLOSED_STATUSES = new Set(['solved', 'closed']);

/**
 * Maps the body rendered from the README's Zendesk template. Reads only the fields it needs and
 * ignores the rest; the delivery id is Zendesk's invocation id header.
 */
export function adaptZendesk(body: Record<string, unknown>, invocationId: string | undefined, now: Date): IntakeCommand {
  const r = new FieldReader();
  const deliveryId = r.id(invocationId, 'x-zendesk-webhook-invocation-id', true);
  const ticket = r.record(body.ticket, 'ticket', true) ?? {};
  const requester = r.record(ticket.requester, 'ticket.requester', false) ?? {};
  const status = r.text(ticket.status, 'ticket.status', 50)?.toLowerCase();
  const command = {
    deliveryId,
    event: status && CLOSED_STATUSES.has(status) ? 'ticket.closed' as const : 'ticket.updated' as const,
    externalId: r.id(ticket.id, 'ticket.id', true),
    // A missing organisation is accepted as unknown: the policy then fails closed (eea_only, flagged).
    organizationId: r.text(ticket.organization, 'ticket.organization', 128) ?? '',
    region: normaliseRegion(r.text(ticket.region, 'ticket.region', 64)),
    severity: r.severity(ticket.priority, 'ticket.priority', ZENDESK_PRIORITIES, DEFAULT_SEVERITY),
    category: r.text(ticket.category, 'ticket.category', 100) ?? null,
    skills: r.list(ticket.skills, 'ticket.skills'),
    language: r.text(ticket.language, 'ticket.language', 35) ?? null,
    problemRef: r.text(ticket.problem_ref, 'ticket.problem_ref') ?? null,
    updatedAt: r.instant(ticket.updated_at, 'ticket.updated_at', now),
    requesterEmail: r.text(requester.email, 'ticket.requester.email', 320),
    requesterPhone: r.text(requester.phone, 'ticket.requester.phone', 64),
  };
  if (r.details.length > 0) throw ApiError.validation(r.details);
  return command as IntakeCommand;
}
