import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { AgentsService } from '@eea/agents';
import { AuditCheckpointService } from '@eea/audit';
import { ConsentRequestService } from '@eea/consent';
import { ConsentExpiryService } from '@eea/consent-gate';
import { routingDuration } from '@eea/observability';
import { EventDeliveryService } from '@eea/outbound';
import { RetentionService } from '@eea/privacy';
import { JobPayloads, OnJob } from '@eea/queue';
import { RouterService, SweepService, routeTrigger } from '@eea/routing';

/** Binds each job of the catalogue to one domain service call. */
@Injectable()
export class JobsProcessor {
  constructor(
    private readonly router: RouterService,
    private readonly sweeper: SweepService,
    private readonly agents: AgentsService,
    private readonly consents: ConsentExpiryService,
    private readonly consentRequests: ConsentRequestService,
    private readonly retention: RetentionService,
    private readonly delivery: EventDeliveryService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  @OnJob('route-ticket')
  async route(payload: JobPayloads['route-ticket'], job: Job) {
    const status = await this.router.route(payload.ticketId, routeTrigger(payload.reason));
    routingDuration.observe({ outcome: status ?? 'skipped' }, (Date.now() - job.timestamp - (job.opts.delay ?? 0)) / 1000);
    return status;
  }

  @OnJob('sweep')
  async sweep() {
    const counts = await this.sweeper.sweep();
    return { ...counts, consentRequestsExpired: await this.consentRequests.expireDue() };
  }

  @OnJob('agent-offline-grace')
  offlineGrace(payload: JobPayloads['agent-offline-grace']) {
    return this.agents.offlineGraceElapsed(payload.agentId, new Date(payload.offlineSince));
  }

  @OnJob('expire-consent')
  expireConsent(payload: JobPayloads['expire-consent']) {
    return this.consents.expire(payload.consentId);
  }

  @OnJob('purge-retention')
  purge() {
    return this.retention.purge();
  }

  @OnJob('deliver-event')
  deliver(payload: JobPayloads['deliver-event']) {
    return this.delivery.deliver(payload);
  }

  @OnJob('audit-checkpoint')
  async checkpoint() {
    const written = await this.checkpoints.write();
    return written ? { seq: written.seq, kid: written.kid } : null;
  }
}
