import { AuditService, verifyAuditChain } from '@eea/audit';
import { TestApp, createTestApp } from '@eea/testing';
import { DataSource } from 'typeorm';

/**
 * A subject export reads one consistent snapshot and is audited like everything else. Exports racing
 * other audited work (token creation here; re-routes that widen a ticket in production) must all
 * succeed and leave one unbroken chain: the export's audit entry may not be appended from its snapshot.
 */
describe('privacy export next to concurrent audited work', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers every export and keeps the audit chain whole', async () => {
    const work = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0
        ? t.request('POST', '/v1/privacy/export', { body: { email: `subject-${i}@privacy-example.test` } })
        : t.request('POST', '/v1/tokens', { body: { role: 'auditor', name: `auditor ${i}` } }),
    );
    const answers = await Promise.all(work);
    expect(answers.map((a) => a.status)).toEqual(answers.map((_, i) => (i % 2 === 0 ? 200 : 201)));
    const entries = await t.get(AuditService).list(new Date(0), new Date(Date.now() + 60_000));
    expect(entries.items.filter((e) => e.action === 'privacy.exported')).toHaveLength(12);
    const [{ n }] = await t.get(DataSource).query('SELECT count(*)::int AS n FROM audit_log');
    expect(n).toBe(entries.items.length);
    expect(await verifyAuditChain(t.get(AuditService))).toMatchObject({ ok: true, problems: [] });
  });
});
