import { ApiError, ErrorDetail } from '@eea/http';
import type { IntakeCommand } from '../intake-command';
import type { ZendeskVocabulary } from '../sources/vocabulary';
import { VendorReader, normaliseRegion, organisations } from './field-readers';

export interface ZendeskDelivery {
  invocationId: string | undefined;
  /** X-Zendesk-Webhook-Signature-Timestamp, already verified. */
  sentAt: Date | null;
  receivedAt: Date;
}

/**
 * Maps the body rendered from the README's Zendesk template. Only the shape can be refused (no
 * ticket id, no invocation id); values never are (SPEC 5.1): they are read, cut or defaulted fail
 * closed, and flagged. Skills come only from tags with the configured prefix.
 */
export function adaptZendesk(body: Record<string, unknown>, d: ZendeskDelivery, v: ZendeskVocabulary): IntakeCommand {
  const r = new VendorReader();
  const ticket = r.record(body.ticket) ?? {};
  const requester = r.record(ticket.requester) ?? {};
  const deliveryId = r.text(d.invocationId);
  const externalId = r.text(ticket.id);
  const missing: ErrorDetail[] = [];
  if (!deliveryId) missing.push({ field: 'x-zendesk-webhook-invocation-id', message: 'is required' });
  if (!externalId) missing.push({ field: 'ticket.id', message: 'is required' });
  if (missing.length > 0) throw ApiError.validation(missing);

  const status = zendeskStatus(r, ticket.status, v);
  const updatedAt = r.instant(ticket.updated_at, d.receivedAt);
  const category = r.text(ticket.category, 100);
  const org = r.text(ticket.organization);
  return {
    deliveryId: deliveryId!,
    event: status === 'resolved' ? 'ticket.closed' : 'ticket.updated',
    statusKnown: status !== 'unmapped',
    externalId: externalId!,
    externalKey: null,
    // A missing organisation is accepted as unknown: the policy then fails closed (eea_only, flagged).
    ...organisations(r, org ? [org] : []),
    region: normaliseRegion(r.text(ticket.region, 64)),
    severity: r.severity(ticket.priority, v.priorities, v.defaultSeverity),
    category: category ? (v.categories.get(category) ?? null) : null,
    skills: r.skills(skillTags(r.items(ticket.tags), v.skillTagPrefix)),
    language: r.text(ticket.language, 35) ?? null,
    problemRef: r.text(ticket.problem_ref) ?? null,
    updatedAt: updatedAt ?? d.receivedAt,
    timestamped: updatedAt !== null,
    sentAt: d.sentAt,
    flags: [...r.flags].sort(),
    requesterEmail: r.text(requester.email, 320),
    requesterPhone: r.text(requester.phone, 64),
    requesterExternalId: r.text(requester.id, 100),
  };
}

/** `skill_voice` → `voice`; every other tag (channel, macro, drop-down option tags) is not a skill. */
export function skillTags(tags: string[], prefix: string): string[] {
  return tags.filter((t) => t.toLowerCase().startsWith(prefix) && t.length > prefix.length).map((t) => t.slice(prefix.length));
}

function zendeskStatus(r: VendorReader, value: unknown, v: ZendeskVocabulary): 'open' | 'resolved' | 'unmapped' {
  const status = r.text(value, 100);
  if (status === undefined) return 'open';
  if (v.resolvedStatuses.has(status)) return 'resolved';
  if (v.openStatuses.has(status)) return 'open';
  r.flag('unmapped_status');
  return 'unmapped';
}
