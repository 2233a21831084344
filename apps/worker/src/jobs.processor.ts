import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { OfflineTakeBack, Sev1Alarms } from '@eea/agent-work';
import { AgentsService } from '@eea/agents';
import { AuditCheckpointService } from '@eea/audit';
import { Clock } from '@eea/config';
import { ConsentRequestService } from '@eea/consent';
import { ConsentExpiryService } from '@eea/consent-gate';
import { routingDuration } from '@eea/observability';
import { EventDeliveryService } from '@eea/outbound';
import { RetentionService } from '@eea/privacy';
import { JobPayloads, OnJob, OutboxService } from '@eea/queue';
import { RouterService, RoutingRequestsDue, routeTrigger } from '@eea/routing';

/** Binds each job of the catalogue to one domain service call. */
@Injectable()
export class JobsProcessor {
  private readonly logger = new Logger(JobsProcessor.name);

  constructor(
    private readonly router: RouterService,
    private readonly routingDue: RoutingRequestsDue,
    private readonly takeBack: OfflineTakeBack,
    private readonly alarms: Sev1Alarms,
    private readonly outbox: OutboxService,
    private readonly agents: AgentsService,
    private readonly consents: ConsentExpiryService,
    private readonly consentRequests: ConsentRequestService,
    private readonly retention: RetentionService,
    private readonly delivery: EventDeliveryService,
    private readonly checkpoints: AuditCheckpointService,
    private readonly clock: Clock,
  ) {}

  @OnJob('route-ticket')
  async route(payload: JobPayloads['route-ticket'], job: Job) {
    const status = await this.router.route(payload.ticketId, routeTrigger(payload.reason));
    routingDuration.observe({ outcome: status ?? 'skipped' }, (Date.now() - job.timestamp - (job.opts.delay ?? 0)) / 1000);
    return status;
  }

  @OnJob('relay-outbox')
  async relayOutbox() {
    return this.caughtUp({ relayed: await this.outbox.relayPending() });
  }

  @OnJob('route-due')
  async routeDue() {
    return this.caughtUp(await this.routingDue.requestDue(this.clock.now()));
  }

  @OnJob('take-back-offline')
  async takeBackOffline() {
    return this.caughtUp({ offlineHeld: await this.takeBack.takeBackDue(this.clock.now()) });
  }

  @OnJob('sev1-alarms')
  async sev1Alarms() {
    return this.caughtUp({ sev1Alarms: await this.alarms.raiseDue(this.clock.now()) });
  }

  @OnJob('expire-lapsed-consents')
  async expireLapsedConsents() {
    return this.caughtUp({ consentsExpired: await this.consents.expireLapsed(this.clock.now()) });
  }

  @OnJob('expire-consent-requests')
  async expireConsentRequests() {
    return this.caughtUp({ consentRequestsExpired: await this.consentRequests.expireDue() });
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

  /** A safety net's counts, logged only when it caught something up (a quiet pass says nothing). */
  private caughtUp<C extends Record<string, number>>(counts: C): C {
    if (Object.values(counts).some((n) => n > 0)) this.logger.log(counts, 'caught up');
    return counts;
  }
}
