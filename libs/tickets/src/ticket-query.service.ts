import { Injectable } from '@nestjs/common';
import { ApiError, decodeCursor, encodeCursor } from '@eea/http';
import { OutboxService } from '@eea/queue';
import { DecisionEntity } from './decision.entity';
import { ticketDecisions } from './decision.repository';
import { TicketEntity, TicketStatus } from './ticket.entity';
import { findTicket, listTickets } from './ticket.repository';

export interface TicketListQuery {
  status?: TicketStatus;
  organizationId?: string;
  flag?: string;
  limit: number;
  cursor?: string;
}

/** Read side for managers, admins and auditors: lists with keyset pagination, single tickets, decisions. */
@Injectable()
export class TicketQueryService {
  constructor(private readonly outbox: OutboxService) {}

  async list(q: TicketListQuery): Promise<{ items: TicketEntity[]; nextCursor: string | null }> {
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const rows = await listTickets(
      this.outbox.db,
      { status: q.status, organizationId: q.organizationId, flag: q.flag, after },
      q.limit + 1,
    );
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
  }

  async get(id: string): Promise<TicketEntity> {
    const t = await findTicket(this.outbox.db, id);
    if (!t) throw ApiError.notFound('ticket');
    return t;
  }

  async decisions(ticketId: string): Promise<DecisionEntity[]> {
    await this.get(ticketId);
    return ticketDecisions(this.outbox.db, ticketId, 500);
  }
}
