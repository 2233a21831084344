import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock, webhookSecrets } from '@eea/config';
import { ApiError, isUnavailable } from '@eea/http';
import { webhooksTotal } from '@eea/observability';
import { adaptGeneric } from './adapters/generic.adapter';
import { adaptJira } from './adapters/jira.adapter';
import { adaptZendesk } from './adapters/zendesk.adapter';
import { IntakeCommand, IntakeResult, WebhookSource, isWebhookSource } from './intake-command';
import { IntakeService } from './intake.service';
import { WebhookHeaders, checkSignature, one } from './signature-check';
import { SourcesStore } from './sources/sources.store';
import { parseWebhookJson } from './webhook-body';

export type { WebhookHeaders } from './signature-check';

/** PostgreSQL refusing or dropping connections (admin shutdown, database not accepting connections…). */
const UNAVAILABLE_SQLSTATE = /^(08|53|57)|^55000$|^3D000$/;

/** The vendor reads this in its delivery log: it must point at the webhook's secret, not at bearer tokens. */
export function signatureRefused(): ApiError {
  return new ApiError(
    401,
    'unauthenticated',
    'The webhook signature could not be verified: check the signing secret configured for this source and that the request is signed and sent within 5 minutes.',
  );
}

/**
 * One webhook delivery end to end: source → signature over the raw bytes → parse → adapter →
 * intake. Nothing of the body is looked at before the signature verifies.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly intake: IntakeService,
    private readonly sources: SourcesStore,
  ) {}

  async receive(source: string, headers: WebhookHeaders, raw: Buffer | undefined): Promise<IntakeResult> {
    if (!isWebhookSource(source)) throw ApiError.notFound('webhook source');
    const body = raw ?? Buffer.alloc(0);
    try {
      // Freshness is about the transport, so wall time counts; the service clock too, so that tests
      // which move domain time may sign with it. In production both are the same instant.
      const check = checkSignature(source, headers, body, webhookSecrets(this.config)[source], [
        Date.now(),
        this.clock.now().getTime(),
      ]);
      if (!check.ok) {
        // Why, for the operator; never the body, which is unauthenticated and may carry personal data.
        this.logger.warn({ source, reason: check.reason, bytes: body.length }, 'webhook refused: signature not verified');
        throw signatureRefused();
      }
      const command = this.adapt(source, parseWebhookJson(body), headers, check.sentAt);
      const result = await this.intake.ingest(source, command, check.replayKey);
      webhooksTotal.inc({ source, result: result.duplicate ? 'duplicate' : 'accepted' });
      return result;
    } catch (e) {
      const error = unavailable(e) ? ApiError.unavailable() : e;
      webhooksTotal.inc({ source, result: resultLabel(error) });
      if (error !== e)
        this.logger.warn(
          { source, err: (e as { code?: string }).code ?? (e as Error).name },
          'webhook not stored: database unavailable',
        );
      throw error;
    }
  }

  private adapt(source: WebhookSource, body: Record<string, unknown>, h: WebhookHeaders, sentAt: Date | null): IntakeCommand {
    const receivedAt = this.clock.now();
    const vocabularies = this.sources.current();
    switch (source) {
      case 'generic':
        return { ...adaptGeneric(body), sentAt };
      case 'zendesk':
        return adaptZendesk(
          body,
          { invocationId: one(h['x-zendesk-webhook-invocation-id']), sentAt, receivedAt },
          vocabularies.zendesk,
        );
      case 'jira':
        return adaptJira(
          body,
          { identifier: one(h['x-atlassian-webhook-identifier']), receivedAt },
          { regionField: this.config.JIRA_REGION_FIELD, organizationField: this.config.JIRA_ORGANIZATION_FIELD },
          vocabularies.jira,
        );
    }
  }
}

function unavailable(e: unknown): boolean {
  if (e instanceof ApiError) return false;
  return isUnavailable(e) || UNAVAILABLE_SQLSTATE.test(String((e as { code?: unknown })?.code ?? ''));
}

function resultLabel(e: unknown): string {
  if (!(e instanceof ApiError)) return 'error';
  return ({ 401: 'unauthenticated', 400: 'invalid', 503: 'unavailable' } as Record<number, string>)[e.getStatus()] ?? 'rejected';
}
