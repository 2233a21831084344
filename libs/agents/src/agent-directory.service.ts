import { Injectable } from '@nestjs/common';
import { ApiError } from '@eea/http';
import { OutboxService } from '@eea/queue';
import { heldTicketCounts } from '@eea/tickets';
import { AgentStatus } from './agent.entity';
import { findAgent, listAgents } from './agent.repository';
import { AgentView, toAgentView } from './agent-view';
import { OrganizationEntity } from './organization.entity';
import { findOrganization, listOrganizations } from './organization.repository';

/** A directory is read in one page: more than this many organisations or agents needs filters, not paging. */
const LIST_LIMIT = 5000;

export interface AgentFilter {
  status?: AgentStatus;
  country?: string;
}

/** Reads back what administrators configured: organisations, and agents with their presence and load. */
@Injectable()
export class AgentDirectoryService {
  constructor(private readonly outbox: OutboxService) {}

  async organizations(): Promise<{ items: OrganizationEntity[] }> {
    return { items: await listOrganizations(this.outbox.db, LIST_LIMIT) };
  }

  async organization(id: string): Promise<OrganizationEntity> {
    const found = await findOrganization(this.outbox.db, id);
    if (!found) throw ApiError.notFound('organization');
    return found;
  }

  async agents(filter: AgentFilter): Promise<{ items: AgentView[] }> {
    const agents = await listAgents(this.outbox.db, filter, LIST_LIMIT);
    const load = await heldTicketCounts(
      this.outbox.db,
      agents.map((a) => a.id),
    );
    return { items: agents.map((a) => toAgentView(a, load.get(a.id) ?? 0)) };
  }

  async agent(id: string): Promise<AgentView> {
    const found = await findAgent(this.outbox.db, id);
    if (!found) throw ApiError.notFound('agent');
    return toAgentView(found, (await heldTicketCounts(this.outbox.db, [id])).get(id) ?? 0);
  }
}
