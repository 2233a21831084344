import { randomUUID } from 'node:crypto';
import { signGeneric } from '../../libs/outbound/src/signature';

export { signGeneric };

export interface SampleTicket {
  externalId: string;
  organizationId: string;
  region: string | null;
  severity: 1 | 2 | 3 | 4;
  category?: string;
  skills?: string[];
  problemRef?: string;
  subject?: string;
}

/** A `ticket.created` delivery as a ticketing system would send it. */
export function ticketCreated(t: SampleTicket, deliveryId = randomUUID()): string {
  return JSON.stringify({
    deliveryId,
    event: 'ticket.created',
    ticket: {
      externalId: t.externalId,
      organizationId: t.organizationId,
      region: t.region,
      severity: t.severity,
      ...(t.category ? { category: t.category } : {}),
      ...(t.skills ? { skills: t.skills } : {}),
      ...(t.problemRef ? { problemRef: t.problemRef } : {}),
      ...(t.subject ? { subject: t.subject } : {}),
      updatedAt: new Date().toISOString(),
    },
  });
}

export function signedHeaders(secret: string, body: string): Record<string, string> {
  return { 'content-type': 'application/json', 'x-signature': signGeneric(secret, body) };
}

export interface Delivery {
  status: number;
  body: { ticketId?: string; status?: string; duplicate?: boolean } | null;
  ms: number;
}

/** Sends one signed delivery; network errors come back as status 0. */
export async function deliver(baseUrl: string, secret: string, body: string, source = 'generic'): Promise<Delivery> {
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl}/v1/webhooks/${source}`, { method: 'POST', headers: signedHeaders(secret, body), body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
  } catch {
    return { status: 0, body: null, ms: performance.now() - started };
  }
}
