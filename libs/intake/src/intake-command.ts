import type { Severity } from '@eea/policy';

export const WEBHOOK_SOURCES = ['generic', 'zendesk', 'jira'] as const;
export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

export function isWebhookSource(value: string): value is WebhookSource {
  return (WEBHOOK_SOURCES as readonly string[]).includes(value);
}

export type IntakeEvent = 'ticket.created' | 'ticket.updated' | 'ticket.closed';

/**
 * What every source adapter turns its payload into. Requester email and phone travel only as far
 * as IntakeService, which keeps their pseudonyms and drops the values.
 */
export interface IntakeCommand {
  deliveryId: string;
  event: IntakeEvent;
  externalId: string;
  organizationId: string;
  /** Trimmed and lowercased; null when the source did not say. */
  region: string | null;
  severity: Severity;
  category: string | null;
  skills: string[];
  language: string | null;
  problemRef: string | null;
  updatedAt: Date;
  requesterEmail?: string;
  requesterPhone?: string;
}

/** The answer to a delivery, replayed unchanged for its duplicates. */
export interface IntakeResult {
  ticketId: string;
  status: string;
  duplicate: boolean;
}
