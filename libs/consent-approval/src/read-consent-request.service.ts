import { Injectable } from '@nestjs/common';
import { findConsentRequest, toConsentRequestView } from '@eea/consent';
import { ApiError } from '@eea/http';
import { OutboxService } from '@eea/queue';
import { firstDecidedLink } from './approval-link.repository';

/**
 * One consent request, for managers and for the agent who raised it: how the escalation it waits on
 * was answered. A customer's decision through a link is shown as such ("customer declined" is
 * `status: denied` with `customerDecision.decision: denied`), with the note they left for the team.
 */
@Injectable()
export class ReadConsentRequestService {
  constructor(private readonly outbox: OutboxService) {}

  /** `agentId` set: the caller is that agent, who may see only its own requests (404 otherwise). */
  async execute(id: string, agentId: string | null) {
    const request = await findConsentRequest(this.outbox.db, id);
    if (!request || (agentId !== null && request.requestedByAgentId !== agentId)) throw ApiError.notFound('consent request');
    const decided = await firstDecidedLink(this.outbox.db, id);
    return {
      ...toConsentRequestView(request),
      customerDecision: decided
        ? { decision: decided.decision, decidedAt: decided.decidedAt!.toISOString(), note: decided.note }
        : null,
    };
  }
}
