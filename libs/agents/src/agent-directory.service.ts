import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '@eea/http';
import { AgentEntity, AgentStatus } from './agent.entity';
import { AgentView, toAgentView } from './agent-view';
import { OrganizationEntity } from './organization.entity';

/** A directory is read in one page: more than this many organisations or agents needs filters, not paging. */
const LIST_LIMIT = 5000;

export interface AgentFilter {
  status?: AgentStatus;
  country?: string;
}

/** Reads back what administrators configured: organisations, and agents with their presence and load. */
@Injectable()
export class AgentDirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async organizations(): Promise<{ items: OrganizationEntity[] }> {
    return { items: await this.dataSource.getRepository(OrganizationEntity).find({ order: { id: 'ASC' }, take: LIST_LIMIT }) };
  }

  async organization(id: string): Promise<OrganizationEntity> {
    const found = await this.dataSource.getRepository(OrganizationEntity).findOne({ where: { id } });
    if (!found) throw ApiError.notFound('organization');
    return found;
  }

  async agents(filter: AgentFilter): Promise<{ items: AgentView[] }> {
    const query = this.dataSource.getRepository(AgentEntity).createQueryBuilder('a').orderBy('a.id').take(LIST_LIMIT);
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.country) query.andWhere('a.country = :country', { country: filter.country });
    const agents = await query.getMany();
    const load = await this.activeTickets(agents.map((a) => a.id));
    return { items: agents.map((a) => toAgentView(a, load.get(a.id) ?? 0)) };
  }

  async agent(id: string): Promise<AgentView> {
    const found = await this.dataSource.getRepository(AgentEntity).findOne({ where: { id } });
    if (!found) throw ApiError.notFound('agent');
    return toAgentView(found, (await this.activeTickets([id])).get(id) ?? 0);
  }

  /** Tickets each agent holds now (ix on assignee_id keeps this one index probe per agent). */
  private async activeTickets(agentIds: string[]): Promise<Map<string, number>> {
    if (agentIds.length === 0) return new Map();
    const rows: Array<{ assignee_id: string; n: number }> = await this.dataSource.query(
      `SELECT assignee_id, count(*)::int AS n FROM tickets WHERE status = 'assigned' AND assignee_id = ANY($1::text[]) GROUP BY assignee_id`,
      [agentIds],
    );
    return new Map(rows.map((r) => [r.assignee_id, r.n]));
  }
}
