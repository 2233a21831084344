import { createHmac } from 'node:crypto';
import { signGeneric } from '@eea/outbound';

/** Builders of correctly signed webhook requests for each source, as the ticketing systems send them. */
export function genericHeaders(secret: string, body: string, at = Math.floor(Date.now() / 1000)): Record<string, string> {
  return { 'x-signature': signGeneric(secret, body, at), 'content-type': 'application/json' };
}

export function zendeskHeaders(secret: string, body: string, invocationId: string, at = new Date()): Record<string, string> {
  const timestamp = at.toISOString();
  const signature = createHmac('sha256', secret)
    .update(timestamp + body)
    .digest('base64');
  return {
    'x-zendesk-webhook-signature': signature,
    'x-zendesk-webhook-signature-timestamp': timestamp,
    'x-zendesk-webhook-invocation-id': invocationId,
    'content-type': 'application/json',
  };
}

export function jiraHeaders(secret: string, body: string, deliveryId: string): Record<string, string> {
  return {
    'x-hub-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    'x-atlassian-webhook-identifier': deliveryId,
    'content-type': 'application/json',
  };
}
