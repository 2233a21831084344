import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@eea/config';
import { OutboundEventPayload, RelayJob, Tx, outboxRow } from '@eea/queue';

export type EventType =
  | 'ticket.queued'
  | 'ticket.deferred'
  | 'ticket.assigned'
  | 'ticket.stranded'
  | 'consent.granted'
  | 'consent.revoked'
  | 'consent.expired'
  | 'consent.approval_requested'
  | 'consent.denied';

/** Stages an outbound event in the caller's transaction; no-op when no OUTBOUND_WEBHOOK_URL is set. */
@Injectable()
export class EventService {
  constructor(private readonly config: AppConfig) {}

  /** Whether events are sent at all (OUTBOUND_WEBHOOK_URL set). */
  get enabled(): boolean {
    return Boolean(this.config.OUTBOUND_WEBHOOK_URL);
  }

  /** Stages the event on the transaction (delivered after commit). */
  async emit(tx: Tx, type: EventType, at: Date, data: OutboundEventPayload['data']): Promise<void> {
    const job = this.job(type, at, data);
    if (job) await tx.stageAll([job]);
  }

  /**
   * The event's outbox row, not yet written, for a statement that writes it together with its change
   * (`outboxInsert`) and hands it to `Tx.track`; null when events are off.
   */
  job(type: EventType, at: Date, data: OutboundEventPayload['data']): RelayJob | null {
    if (!this.enabled) return null;
    return outboxRow('deliver-event', { id: randomUUID(), type, at: at.toISOString(), data });
  }
}
