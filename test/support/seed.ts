import { DataSource } from 'typeorm';
import { OutboxService } from '@eea/queue';
import { TicketEntity, requestRouting } from '@eea/tickets';
import { ADMIN_TOKEN } from './test-env';
import { TestApp } from './test-app';
import { waitFor } from './wait-for';

let counter = 0;

export interface SeedTicket {
  organizationId: string;
  region: string | null;
  severity: 1 | 2 | 3 | 4;
  skills?: string[];
  problemRef?: string | null;
  category?: string | null;
  externalId?: string;
}

/**
 * Stores a ticket the way intake does (status `received`, routing requested through the outbox) and,
 * unless told not to, waits until the worker has routed it.
 */
export async function seedTicket(t: TestApp, input: SeedTicket, options: { waitRouted?: boolean } = {}): Promise<string> {
  const dataSource = t.get(DataSource);
  const outbox = t.get(OutboxService);
  const now = new Date();
  const id = await outbox.inTransaction(async (tx) => {
    const saved = await tx.db.save(
      tx.db.create(TicketEntity, {
        source: 'generic',
        externalId: input.externalId ?? `seed-${Date.now()}-${++counter}`,
        organizationId: input.organizationId,
        region: input.region,
        regionCountry: null,
        jurisdiction: 'UNKNOWN',
        tier: 'eea_only',
        severity: input.severity,
        category: input.category ?? null,
        skills: input.skills ?? [],
        language: null,
        problemRef: input.problemRef ?? null,
        status: 'received',
        allowedCountries: [],
        flags: [],
        sourceUpdatedAt: now,
        waitingSince: now,
      }),
    );
    await requestRouting(tx, 'ticket_received', { kind: 'tickets', ids: [saved.id] });
    return saved.id;
  });
  if (options.waitRouted !== false) {
    await waitFor(
      async () => (await dataSource.getRepository(TicketEntity).findOneBy({ id }))?.status !== 'received',
      10_000,
      `ticket ${id} routed`,
    );
  }
  return id;
}

/** Creates (or updates) an organisation, an agent with a token, and sets the agent available. */
export async function seedAgent(
  t: TestApp,
  agent: { id: string; country: string | null; skills?: string[]; capacity?: number; status?: string },
): Promise<string> {
  const put = await t.request('PUT', `/v1/agents/${agent.id}`, {
    token: ADMIN_TOKEN,
    body: { name: `Agent ${agent.id}`, country: agent.country, skills: agent.skills ?? [], capacity: agent.capacity ?? 5 },
  });
  if (put.status !== 200) throw new Error(`PUT agent failed: ${put.status} ${put.text}`);
  const token = await t.request('POST', '/v1/tokens', {
    token: ADMIN_TOKEN,
    body: { role: 'agent', agentId: agent.id, name: `token ${agent.id}` },
  });
  await t.request('POST', `/v1/agents/${agent.id}/status`, { token: ADMIN_TOKEN, body: { status: agent.status ?? 'available' } });
  return token.body.token as string;
}

export async function seedOrganization(t: TestApp, id: string, supportTier: 'standard' | 'eea_only'): Promise<void> {
  const res = await t.request('PUT', `/v1/organizations/${id}`, { token: ADMIN_TOKEN, body: { name: `Org ${id}`, supportTier } });
  if (res.status !== 200) throw new Error(`PUT organization failed: ${res.status} ${res.text}`);
}
