import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not, IsNull } from 'typeorm';
import { ApiError } from '@eea/http';
import { ConsentRequestEntity } from '@eea/consent';
import { toConsentRequestView } from '@eea/consent';
import { ApprovalLinkEntity } from './approval-link.entity';

/**
 * One consent request, for managers and for the agent who raised it: how the escalation it waits on
 * was answered. A customer's decision through a link is shown as such ("customer declined" is
 * `status: denied` with `customerDecision.decision: denied`), with the note they left for the team.
 */
@Injectable()
export class ReadConsentRequestService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `agentId` set: the caller is that agent, who may see only its own requests (404 otherwise). */
  async execute(id: string, agentId: string | null) {
    const request = await this.dataSource.getRepository(ConsentRequestEntity).findOneBy({ id });
    if (!request || (agentId !== null && request.requestedByAgentId !== agentId)) throw ApiError.notFound('consent request');
    const decided = await this.dataSource.getRepository(ApprovalLinkEntity).findOne({
      where: { consentRequestId: id, decision: Not(IsNull()) },
      order: { decidedAt: 'ASC' },
    });
    return {
      ...toConsentRequestView(request),
      customerDecision: decided
        ? { decision: decided.decision, decidedAt: decided.decidedAt!.toISOString(), note: decided.note }
        : null,
    };
  }
}
