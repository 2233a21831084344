import type { Severity } from '@eea/policy';
import type { IntakeFlag } from '@eea/tickets';

export const WEBHOOK_SOURCES = ['generic', 'zendesk', 'jira'] as const;
export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

export function isWebhookSource(value: string): value is WebhookSource {
  return (WEBHOOK_SOURCES as readonly string[]).includes(value);
}

export type IntakeEvent = 'ticket.created' | 'ticket.updated' | 'ticket.closed';

export { INTAKE_FLAGS } from '@eea/tickets';
export type { IntakeFlag } from '@eea/tickets';

/**
 * What every source adapter turns its payload into. Requester email, phone and external id travel
 * only as far as IntakeService, which keeps their pseudonyms and drops the values.
 */
export interface IntakeCommand {
  deliveryId: string;
  event: IntakeEvent;
  /** The source's stable identity of the ticket (Jira: issue.id, which survives moves). */
  externalId: string;
  /** Jira's issue key (follows moves); null for other sources. */
  externalKey?: string | null;
  organizationId: string;
  /** Every organisation named, when more than one (the most restrictive tier applies); else empty. */
  organizationIds?: string[];
  /** Trimmed and lowercased; null when the source did not say. */
  region: string | null;
  severity: Severity;
  category: string | null;
  skills: string[];
  language: string | null;
  problemRef: string | null;
  /** The source's own last-update time; the time of receipt when `timestamped` is false. */
  updatedAt: Date;
  /** False when the delivery carried no readable timestamp: it may create a ticket, never change one. */
  timestamped?: boolean;
  /** The signed send time of the delivery: breaks ties between equal `updatedAt` (minute precision). */
  sentAt?: Date | null;
  /** False when the status could not be read: the delivery neither closes nor reopens. */
  statusKnown?: boolean;
  flags?: IntakeFlag[];
  requesterEmail?: string;
  requesterPhone?: string;
  /** The source's own id of the requester (Jira accountId, Zendesk requester id). */
  requesterExternalId?: string;
}

/** The answer to a delivery, replayed unchanged for its duplicates. */
export interface IntakeResult {
  ticketId: string;
  status: string;
  duplicate: boolean;
}
