import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@eea/audit';
import { Principal } from '@eea/auth';
import { AppConfig, Clock } from '@eea/config';
import { ApiError } from '@eea/http';
import { RelayJob, OutboxService } from '@eea/queue';
import { requestRouting, routeAgain, takeBackFromOffline } from '@eea/tickets';
import { findAgent } from './agent-read.repository';
import { AgentEntity, AgentStatus } from './agent.entity';
import { OrganizationEntity } from './organization.entity';

export interface AgentInput {
  name: string;
  country: string | null;
  skills?: string[];
  languages?: string[];
  capacity?: number;
}

/** Organisations, agents and agent status. Any change that can alter eligibility re-routes what it touches. */
@Injectable()
export class AgentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** `sources` absent keeps the stored list: a PUT that only renames must never lift a restriction. */
  async putOrganization(
    id: string,
    input: { name: string; supportTier: 'standard' | 'eea_only'; sources?: string[] },
    by: Principal,
  ) {
    return this.write(async (m, staged) => {
      const before = await m.findOne(OrganizationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const sources = [...new Set(input.sources ?? before?.sources ?? [])].sort();
      const org = await m.save(
        m.create(OrganizationEntity, { ...(before ?? {}), id, name: input.name, supportTier: input.supportTier, sources }),
      );
      const sourcesChanged = (before?.sources ?? []).join() !== sources.join();
      await this.audit.append(
        {
          actor: by.tokenId,
          action: before ? 'organization.updated' : 'organization.created',
          subjectType: 'organization',
          subjectId: id,
          details: {
            supportTier: input.supportTier,
            previousTier: before?.supportTier ?? null,
            ...(sourcesChanged ? { sources, previousSources: before?.sources ?? [] } : {}),
          },
        },
        m,
      );
      if (!before || before.supportTier !== input.supportTier || sourcesChanged) {
        staged.push(...(await routeAgain(m, 'organization_changed', { kind: 'organization', organizationId: id })));
      }
      return org;
    });
  }

  async putAgent(id: string, input: AgentInput, by: Principal): Promise<AgentEntity> {
    return this.write(async (m, staged) => {
      const before = await m.findOne(AgentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const agent = await m.save(
        m.create(AgentEntity, {
          ...(before ?? { status: 'offline' as AgentStatus, statusChangedAt: this.clock.now() }),
          id,
          name: input.name,
          country: input.country,
          skills: input.skills ?? before?.skills ?? [],
          languages: input.languages ?? before?.languages ?? [],
          capacity: input.capacity ?? before?.capacity ?? 5,
        }),
      );
      await this.audit.append(
        {
          actor: by.tokenId,
          action: before ? 'agent.updated' : 'agent.created',
          subjectType: 'agent',
          subjectId: id,
          details: {
            country: agent.country,
            previousCountry: before?.country ?? null,
            skills: agent.skills,
            capacity: agent.capacity,
          },
        },
        m,
      );
      const moved = before && (before.country !== agent.country || !sameSet(before.skills, agent.skills));
      if (moved) staged.push(...(await routeAgain(m, 'agent_changed', { kind: 'held-by', agentId: id })));
      return agent;
    });
  }

  async setStatus(id: string, status: AgentStatus, by: Principal): Promise<AgentEntity> {
    if (by.role === 'agent' && by.agentId !== id) throw ApiError.notFound('agent');
    return this.write(async (m, staged) => {
      const agent = await m.findOne(AgentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!agent) throw ApiError.notFound('agent');
      if (agent.status === status) return agent;
      agent.status = status;
      agent.statusChangedAt = this.clock.now();
      await m.save(agent);
      if (status === 'offline') {
        const payload = { agentId: id, offlineSince: agent.statusChangedAt.toISOString() };
        staged.push(await this.outbox.stage(m, 'agent-offline-grace', payload, this.config.OFFLINE_GRACE_SECONDS * 1000));
      }
      return agent;
    });
  }

  /** After the grace period: if the agent is still offline since then, its held tickets go back to the queue. */
  async offlineGraceElapsed(agentId: string, offlineSince: Date): Promise<number> {
    return this.outbox.inTransaction(async (tx) => {
      const agent = await findAgent(tx.db, agentId);
      if (!agent || agent.status !== 'offline' || agent.statusChangedAt.getTime() !== offlineSince.getTime()) return 0;
      const ids = await takeBackFromOffline(tx.db, { offlineSince, agentId, at: this.clock.now() });
      if (ids.length > 0) await requestRouting(tx, 'agent_changed', { kind: 'tickets', ids });
      return ids.length;
    });
  }

  private async write<T>(work: (m: EntityManager, staged: RelayJob[]) => Promise<T>): Promise<T> {
    const staged: RelayJob[] = [];
    const result = await this.dataSource.transaction((m) => work(m, staged));
    await this.outbox.flush(staged);
    return result;
  }
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
