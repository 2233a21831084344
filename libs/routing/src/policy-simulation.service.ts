import { Injectable } from '@nestjs/common';
import { organizationFacts } from '@eea/agents';
import { PolicyStore } from '@eea/config';
import { ApiError } from '@eea/http';
import { SimulateRequest, SimulationInputError, Tier, simulate } from '@eea/policy';
import { OutboxService } from '@eea/queue';

/** GET /v1/policy and POST /v1/policy/simulate: the engine the router uses, on caller-given facts. */
@Injectable()
export class PolicySimulationService {
  constructor(
    private readonly policy: PolicyStore,
    private readonly outbox: OutboxService,
  ) {}

  describe() {
    return this.policy.current().describe();
  }

  async simulate(request: SimulateRequest) {
    const orgId = request.ticket.organizationId;
    let tier: Tier | null = null;
    if (!request.ticket.tier && orgId) {
      const [org] = await organizationFacts(this.outbox.db, [orgId]);
      tier = (org?.supportTier as Tier) ?? null;
    }
    try {
      return simulate(this.policy.current(), request, () => tier);
    } catch (e) {
      if (e instanceof SimulationInputError) throw ApiError.validation(e.details);
      throw e;
    }
  }
}
