import { Injectable } from '@nestjs/common';
import { Clock } from '@eea/config';
import { parseTimeRange, toCsv } from '@eea/audit';
import { OutboxService } from '@eea/queue';
import { listTransfers } from './ticket-access.repository';

/** More than this in one answer is an export job, not a request: the answer says it was cut (`truncated`). */
export const TRANSFER_LIMIT = 10_000;

const COLUMNS = ['ticketId', 'agentId', 'country', 'action', 'consentId', 'at'] as const;
export type TransferEntry = Record<(typeof COLUMNS)[number], string | null>;

/**
 * Every claim or read of an EEA ticket from outside its tier's own country set, as AccessLog recorded
 * it when it happened, oldest first.
 */
@Injectable()
export class TransferLogService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async list(query: { from?: string; to?: string }, limit = TRANSFER_LIMIT) {
    const range = parseTimeRange(query, this.clock.now());
    const rows = await listTransfers(this.outbox.db, range, limit + 1);
    const items: TransferEntry[] = rows.slice(0, limit).map((a) => ({
      ticketId: a.ticketId,
      agentId: a.agentId,
      country: a.country,
      action: a.action,
      consentId: a.consentId,
      at: a.at.toISOString(),
    }));
    return { items, from: range.from.toISOString(), to: range.to.toISOString(), truncated: rows.length > limit };
  }

  /** The same rows as CSV with a header row; `truncated` travels in a response header. */
  async csv(query: { from?: string; to?: string }): Promise<{ body: string; truncated: boolean }> {
    const page = await this.list(query);
    return { body: toCsv<TransferEntry>(COLUMNS, page.items), truncated: page.truncated };
  }
}
