import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@eea/config';
import { OutboundEventPayload, OutboxEntity, OutboxService } from '@eea/queue';

export type EventType =
  | 'ticket.queued' | 'ticket.deferred' | 'ticket.assigned' | 'ticket.stranded'
  | 'consent.granted' | 'consent.revoked' | 'consent.expired';

/** Stages an outbound event in the caller's transaction; no-op when no OUTBOUND_WEBHOOK_URL is set. */
@Injectable()
export class EventService {
  constructor(private readonly config: AppConfig, private readonly outbox: OutboxService) {}

  async stage(manager: EntityManager, type: EventType, at: Date, data: OutboundEventPayload['data']): Promise<OutboxEntity[]> {
    if (!this.config.OUTBOUND_WEBHOOK_URL) return [];
    const event: OutboundEventPayload = { id: randomUUID(), type, at: at.toISOString(), data };
    return [await this.outbox.stage(manager, 'deliver-event', event)];
  }
}
