import { Injectable } from '@nestjs/common';
import { ConsentQueryService, ConsentView } from '@eea/consent';
import { OutboxService } from '@eea/queue';
import { consentIdsCoveringTicket } from '@eea/tickets';

export interface ConsentFilter {
  active?: boolean;
  ticketId?: string;
  organizationId?: string;
}

/**
 * GET /v1/consents. Which consents cover a ticket is the ticket store's question (the one definition
 * of coverage lives there); the records lib, which depends on no other domain lib, lists the rest.
 */
@Injectable()
export class ConsentListService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly consents: ConsentQueryService,
  ) {}

  async list(filter: ConsentFilter): Promise<{ items: ConsentView[] }> {
    const ids = filter.ticketId ? await consentIdsCoveringTicket(this.outbox.db, filter.ticketId) : undefined;
    return this.consents.list({ active: filter.active, organizationId: filter.organizationId, ids });
  }
}
