import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError, decodeCursor, encodeCursor } from '@eea/http';
import { DecisionEntity } from './decision.entity';
import { TicketEntity, TicketStatus } from './ticket.entity';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(q: TicketListQuery): Promise<{ items: TicketEntity[]; nextCursor: string | null }> {
    const qb = this.dataSource
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .orderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(q.limit + 1);
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.organizationId) qb.andWhere('t.organization_id = :org', { org: q.organizationId });
    if (q.flag) qb.andWhere("t.flags @> ARRAY[:flag::text] AND t.flags <> '{}'", { flag: q.flag });
    if (q.cursor) {
      const { at, id } = decodeCursor(q.cursor);
      qb.andWhere('(t.created_at, t.id) > (:at::timestamptz, :id::uuid)', { at: at.toISOString(), id });
    }
    const rows = await qb.getMany();
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
  }

  async get(id: string): Promise<TicketEntity> {
    const t = await this.dataSource.getRepository(TicketEntity).findOne({ where: { id } });
    if (!t) throw ApiError.notFound('ticket');
    return t;
  }

  async decisions(ticketId: string): Promise<DecisionEntity[]> {
    await this.get(ticketId);
    return this.dataSource.getRepository(DecisionEntity).find({ where: { ticketId }, order: { seq: 'DESC' }, take: 500 });
  }
}
