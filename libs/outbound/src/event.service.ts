import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@eea/config';
import { OutboundEventPayload, OutboxEntity, OutboxService } from '@eea/queue';

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
  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  /** Whether events are sent at all (OUTBOUND_WEBHOOK_URL set). */
  get enabled(): boolean {
    return Boolean(this.config.OUTBOUND_WEBHOOK_URL);
  }

  async stage(manager: EntityManager, type: EventType, at: Date, data: OutboundEventPayload['data']): Promise<OutboxEntity[]> {
    if (!this.enabled) return [];
    const event: OutboundEventPayload = { id: randomUUID(), type, at: at.toISOString(), data };
    return [await this.outbox.stage(manager, 'deliver-event', event)];
  }
}
