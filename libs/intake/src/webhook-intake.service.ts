import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock, webhookSecrets } from '@eea/config';
import { ApiError, isUnavailable } from '@eea/http';
import { webhooksTotal } from '@eea/observability';
import { adaptGeneric } from './adapters/generic.adapter';
import { adaptJira } from './adapters/jira.adapter';
import { adaptZendesk } from './adapters/zendesk.adapter';
import { IntakeCommand, IntakeResult, WebhookSource, isWebhookSource } from './intake-command';
import { IntakeService } from './intake.service';
import { parseWebhookJson } from './webhook-body';
import { verifyGeneric, verifyJira, verifyZendesk } from './webhook-signatures';

export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** PostgreSQL refusing or dropping connections (admin shutdown, database not accepting connections…). */
const UNAVAILABLE_SQLSTATE = /^(08|53|57)|^55000$|^3D000$/;

/**
 * One webhook delivery end to end: source → signature over the raw bytes → parse → adapter →
 * intake. Nothing of the body is looked at before the signature verifies.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);

  constructor(private readonly config: AppConfig, private readonly clock: Clock, private readonly intake: IntakeService) {}

  async receive(source: string, headers: WebhookHeaders, raw: Buffer | undefined): Promise<IntakeResult> {
    if (!isWebhookSource(source)) throw ApiError.notFound('webhook source');
    const body = raw ?? Buffer.alloc(0);
    try {
      if (!this.verify(source, headers, body)) throw ApiError.unauthenticated();
      const command = this.adapt(source, parseWebhookJson(body), headers);
      const result = await this.intake.ingest(source, command);
      webhooksTotal.inc({ source, result: result.duplicate ? 'duplicate' : 'accepted' });
      return result;
    } catch (e) {
      const error = unavailable(e) ? ApiError.unavailable() : e;
      webhooksTotal.inc({ source, result: resultLabel(error) });
      if (error !== e) this.logger.warn({ source, err: (e as { code?: string }).code ?? (e as Error).name }, 'webhook not stored: database unavailable');
      throw error;
    }
  }

  private verify(source: WebhookSource, h: WebhookHeaders, raw: Buffer): boolean {
    const secrets = webhookSecrets(this.config)[source];
    if (secrets.length === 0) return false;
    // Freshness is about the transport, so wall time counts; the service clock too, so that tests
    // which move domain time may sign with it. In production both are the same instant.
    const nows = [Date.now(), this.clock.now().getTime()];
    switch (source) {
      case 'generic': return verifyGeneric(one(h['x-signature']), raw, secrets, nows);
      case 'zendesk':
        return verifyZendesk(one(h['x-zendesk-webhook-signature']), one(h['x-zendesk-webhook-signature-timestamp']), raw, secrets, nows);
      case 'jira': return verifyJira(one(h['x-hub-signature']), raw, secrets);
    }
  }

  private adapt(source: WebhookSource, body: Record<string, unknown>, h: WebhookHeaders): IntakeCommand {
    const now = this.clock.now();
    switch (source) {
      case 'generic': return adaptGeneric(body);
      case 'zendesk': return adaptZendesk(body, one(h['x-zendesk-webhook-invocation-id']), now);
      case 'jira':
        return adaptJira(body, one(h['x-atlassian-webhook-identifier']),
          { regionField: this.config.JIRA_REGION_FIELD, organizationField: this.config.JIRA_ORGANIZATION_FIELD }, now);
    }
  }
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

function unavailable(e: unknown): boolean {
  if (e instanceof ApiError) return false;
  return isUnavailable(e) || UNAVAILABLE_SQLSTATE.test(String((e as { code?: unknown })?.code ?? ''));
}

function resultLabel(e: unknown): string {
  if (!(e instanceof ApiError)) return 'error';
  return ({ 401: 'unauthenticated', 400: 'invalid', 503: 'unavailable' } as Record<number, string>)[e.getStatus()] ?? 'rejected';
}
