import { randomUUID } from 'node:crypto';
import { TestApp, WEBHOOK_SECRETS, genericHeaders, jiraHeaders, zendeskHeaders } from '@eea/testing';

/** Builders of realistic deliveries for each source, signed as the ticketing systems sign them. */
export function genericTicket(overrides: Record<string, unknown> = {}, event = 'ticket.created', deliveryId = randomUUID()) {
  return {
    deliveryId,
    event,
    ticket: {
      externalId: `G-${randomUUID()}`,
      organizationId: 'acme',
      region: 'eu-west-1',
      severity: 2,
      updatedAt: new Date().toISOString(),
      ...overrides,
    },
  };
}

export function sendGeneric(t: TestApp, body: unknown, secret = WEBHOOK_SECRETS.generic, at?: number) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return t.request('POST', '/v1/webhooks/generic', { token: '', raw, headers: genericHeaders(secret, raw, at) });
}

export function zendeskTicket(overrides: Record<string, unknown> = {}) {
  return {
    ticket: {
      id: Math.floor(Math.random() * 1e9),
      priority: 'High',
      organization: 'acme',
      region: 'eu-west-1',
      updated_at: '2026-01-05T10:00:00Z',
      ...overrides,
    },
  };
}

export function sendZendesk(t: TestApp, body: unknown, invocationId = randomUUID(), secret = WEBHOOK_SECRETS.zendesk, at?: Date) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return t.request('POST', '/v1/webhooks/zendesk', { token: '', raw, headers: zendeskHeaders(secret, raw, invocationId, at) });
}

export function jiraIssue(fields: Record<string, unknown> = {}, webhookEvent = 'jira:issue_created') {
  return {
    timestamp: Date.now(),
    webhookEvent,
    issue: {
      id: String(Math.floor(Math.random() * 1e9)),
      key: `SUP-${Math.floor(Math.random() * 1e9)}`,
      fields: {
        priority: { name: 'Medium' },
        labels: ['region:eu-west-1', 'org:acme'],
        updated: '2026-01-05T10:00:00.000+0000',
        ...fields,
      },
    },
  };
}

export function sendJira(t: TestApp, body: unknown, deliveryId = randomUUID(), secret = WEBHOOK_SECRETS.jira) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return t.request('POST', '/v1/webhooks/jira', { token: '', raw, headers: jiraHeaders(secret, raw, deliveryId) });
}
