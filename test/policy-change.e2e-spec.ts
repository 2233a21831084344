import { copyFileSync, appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock } from '@eea/config';
import { RoutingRequestsDue } from '@eea/routing';
import { TicketEntity } from '@eea/tickets';
import { TestApp, createTestApp, seedOrganization, seedTicket, waitFor } from '@eea/testing';

/** A new policy version re-evaluates every open ticket (SPEC 2.6), recording the new version. */
describe('policy change', () => {
  let first: TestApp | undefined;
  let second: TestApp | undefined;
  afterAll(async () => {
    await first?.close({ keepEnvironment: true }).catch(() => undefined);
    await second?.close();
  });

  it('re-routes open tickets under the new policyVersion, leaving resolved ones alone', async () => {
    first = await createTestApp();
    await seedOrganization(first, 'acme', 'standard');
    const open = await seedTicket(first, { organizationId: 'acme', region: 'eu-west-1', severity: 2 });
    const oldVersion = (await first.request('GET', '/v1/policy')).body.policyVersion as string;
    const env = first.env;
    await first.close({ keepEnvironment: true });
    first = undefined;

    const dir = mkdtempSync(join(tmpdir(), 'eea-policy-v2-'));
    const file = join(dir, 'policy.yaml');
    copyFileSync('config/policy.yaml', file);
    appendFileSync(file, '\n# revised wording only: a new content hash is a new policyVersion\n');
    second = await createTestApp({ env: { DATABASE_URL: env.DATABASE_URL, QUEUE_PREFIX: env.QUEUE_PREFIX, POLICY_FILE: file } });
    const newVersion = (await second.request('GET', '/v1/policy')).body.policyVersion as string;
    expect(newVersion).not.toBe(oldVersion);

    const counts = await second.get(RoutingRequestsDue).requestDue(second.get(Clock).now());
    expect(counts.policyChanged).toBe(1);
    const tickets = second.get(DataSource).getRepository(TicketEntity);
    await waitFor(
      async () => (await tickets.findOneBy({ id: open }))?.policyVersion === newVersion,
      10_000,
      're-route under new version',
    );
    const decisions = (await second.request('GET', `/v1/tickets/${open}/decisions`)).body.items;
    expect(decisions[0].policyVersion).toBe(newVersion);
    expect(decisions[decisions.length - 1].policyVersion).toBe(oldVersion);
  });
});
