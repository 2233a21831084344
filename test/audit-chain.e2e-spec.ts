import { DataSource } from 'typeorm';
import { AuditService, verifyAuditChain } from '@eea/audit';
import { ManualClock } from '@eea/config';
import { TestApp, createTestApp, seedOrganization } from '@eea/testing';

/** GET /v1/audit and the hash chain behind it: a row changed in the database is found by its seq. */
describe('audit log', () => {
  const clock = new ManualClock(new Date('2026-11-23T10:00:00Z'));
  let t: TestApp;
  let auditor: string;

  beforeAll(async () => {
    t = await createTestApp({ clock, worker: false });
    auditor = (await t.request('POST', '/v1/tokens', { body: { role: 'auditor', name: 'dpo' } })).body.token;
    await seedOrganization(t, 'acme', 'eea_only');
    clock.advance(24 * 3_600_000);
    await seedOrganization(t, 'acme', 'standard');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists entries in chain order within the window, to admins and auditors only', async () => {
    const all = await t.request('GET', '/v1/audit', { token: auditor });
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: { action: string }) => e.action)).toEqual([
      'token.created',
      'organization.created',
      'organization.updated',
    ]);
    const [first, second] = all.body.items;
    expect(first).toEqual({
      seq: 1,
      at: '2026-11-23T10:00:00.000Z',
      actor: { id: expect.any(String), name: 'ADMIN_TOKEN', role: 'admin' },
      action: 'token.created',
      subjectType: 'token',
      subjectId: expect.any(String),
      details: expect.any(Object),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      prevHash: '0'.repeat(64),
    });
    expect(second.prevHash).toBe(first.hash);

    const dayOne = await t.request('GET', '/v1/audit?from=2026-11-23T00:00:00Z&to=2026-11-23T23:59:59Z', { token: auditor });
    expect(dayOne.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    const bad = await t.request('GET', '/v1/audit?from=2026-11-23&to=tomorrow');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['to']);
    const manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'lead' } })).body.token;
    expect((await t.request('GET', '/v1/audit', { token: manager })).status).toBe(403);
  });

  it('verifies the intact chain and reports the seq of a row tampered with in SQL', async () => {
    const audit = t.get(AuditService);
    const intact = await verifyAuditChain(audit);
    expect(intact.ok).toBe(true);
    expect(intact.message).toMatch(/^audit chain intact: \d+ entries/);

    // Only by switching the append-only trigger off, as a superuser could.
    await t.get(DataSource).query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
      UPDATE audit_log SET details = '{"supportTier": "eea_only", "previousTier": null}' WHERE seq = 3;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    expect(await audit.verify()).toEqual({ checked: 2, broken: { seq: 3, reason: 'entry content does not match its hash' } });
    expect(await verifyAuditChain(audit)).toMatchObject({
      ok: false,
      message: 'audit chain BROKEN at seq 3: entry content does not match its hash',
    });
  });
});
