import type { TicketEntity } from '@eea/tickets';
import type { IntakeCommand } from './intake-command';

/**
 * Whether a delivery is newer than what the ticket holds (SPEC 5.1): the source's update time first,
 * then the delivery's signed send time (Zendesk placeholders have minute precision, so two updates in
 * one minute tie on the first). A delivery without a readable timestamp never changes a stored
 * ticket: it cannot know that it is newer. A ticket stored from such a delivery holds the receipt
 * time, not the source's, so any timestamped delivery may correct it.
 */
export function deliveryIsNewer(t: Pick<TicketEntity, 'sourceUpdatedAt' | 'sourceSentAt' | 'flags'>, c: IntakeCommand): boolean {
  if (c.timestamped === false) return false;
  if (t.flags.includes('invalid_timestamp')) return true;
  const updated = c.updatedAt.getTime() - t.sourceUpdatedAt.getTime();
  if (updated !== 0) return updated > 0;
  const sent = c.sentAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const stored = t.sourceSentAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  // Neither sent time known (a source without one): equal times apply, as they always did.
  return sent > stored || (sent === stored && sent === Number.NEGATIVE_INFINITY);
}
