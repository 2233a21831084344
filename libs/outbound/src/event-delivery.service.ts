import { Injectable } from '@nestjs/common';
import { AppConfig } from '@eea/config';
import { OutboundEventPayload } from '@eea/queue';
import { signGeneric } from './signature';

/** One signed POST; a non-2xx or network error throws so that BullMQ retries with backoff. */
@Injectable()
export class EventDeliveryService {
  constructor(private readonly config: AppConfig) {}

  async deliver(event: OutboundEventPayload): Promise<void> {
    const url = this.config.OUTBOUND_WEBHOOK_URL;
    if (!url) return;
    const body = JSON.stringify(event);
    const signature = signGeneric(this.config.OUTBOUND_WEBHOOK_SECRET ?? '', body, Math.floor(Date.now() / 1000));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature, 'x-event-id': event.id },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`event endpoint answered ${response.status}`);
  }
}
