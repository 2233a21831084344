import { Injectable } from '@nestjs/common';
import { Clock } from '@eea/config';
import { OutboxService } from '@eea/queue';
import { ConsentListFilter, listConsents } from './consent.repository';
import { ConsentView, toConsentView } from './consent-view';

/** One answer is at most this many consents, newest first; narrow with the filters beyond it. */
const LIST_LIMIT = 1000;

/**
 * Consents as managers and auditors look them up: what is active now, what covers an organisation, or
 * given ids (the consents covering a ticket are found by the ticket store: see @eea/consent-gate's ConsentListService).
 */
@Injectable()
export class ConsentQueryService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async list(filter: ConsentListFilter): Promise<{ items: ConsentView[] }> {
    const now = this.clock.now();
    if (filter.ids?.length === 0) return { items: [] };
    const consents = await listConsents(this.outbox.db, filter, now, LIST_LIMIT);
    return { items: consents.map((c) => toConsentView(c, now)) };
  }
}
