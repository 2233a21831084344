import { Injectable } from '@nestjs/common';
import { AuditService } from '@eea/audit';
import { Principal } from '@eea/auth';
import { AppConfig, Clock } from '@eea/config';
import { ApiError } from '@eea/http';
import { OutboxService } from '@eea/queue';
import { requestRouting, takeBackFromOffline } from '@eea/tickets';
import { AgentEntity, AgentStatus } from './agent.entity';
import { findAgent, lockAgent, saveAgent, setAgentStatus } from './agent.repository';
import { findOrganization, saveOrganization } from './organization.repository';

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
    return this.outbox.inTransaction(async (tx) => {
      const before = await findOrganization(tx.db, id, { lock: true });
      const sources = [...new Set(input.sources ?? before?.sources ?? [])].sort();
      const org = await saveOrganization(tx.db, { id, name: input.name, supportTier: input.supportTier, sources });
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
        tx.db,
      );
      if (!before || before.supportTier !== input.supportTier || sourcesChanged) {
        await requestRouting(tx, 'organization_changed', { kind: 'organization', organizationId: id });
      }
      return org;
    });
  }

  async putAgent(id: string, input: AgentInput, by: Principal): Promise<AgentEntity> {
    return this.outbox.inTransaction(async (tx) => {
      const before = await lockAgent(tx.db, id);
      const agent = await saveAgent(tx.db, {
        id,
        name: input.name,
        country: input.country,
        skills: input.skills ?? before?.skills ?? [],
        languages: input.languages ?? before?.languages ?? [],
        capacity: input.capacity ?? before?.capacity ?? 5,
        status: before?.status ?? 'offline',
        statusChangedAt: before?.statusChangedAt ?? this.clock.now(),
      });
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
        tx.db,
      );
      const moved = before && (before.country !== agent.country || !sameSet(before.skills, agent.skills));
      if (moved) await requestRouting(tx, 'agent_changed', { kind: 'held-by', agentId: id });
      return agent;
    });
  }

  async setStatus(id: string, status: AgentStatus, by: Principal): Promise<AgentEntity> {
    if (by.role === 'agent' && by.agentId !== id) throw ApiError.notFound('agent');
    return this.outbox.inTransaction(async (tx) => {
      const agent = await lockAgent(tx.db, id);
      if (!agent) throw ApiError.notFound('agent');
      if (agent.status === status) return agent;
      const changed = (await setAgentStatus(tx.db, id, status, this.clock.now()))!;
      if (status === 'offline') {
        const payload = { agentId: id, offlineSince: changed.statusChangedAt.toISOString() };
        await tx.stage('agent-offline-grace', payload, this.config.OFFLINE_GRACE_SECONDS * 1000);
      }
      return changed;
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
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
