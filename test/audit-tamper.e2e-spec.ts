import { DataSource } from 'typeorm';
import { AuditCheckpointService, AuditService, entryHash, verifyAuditChain } from '@eea/audit';
import { QueueService } from '@eea/queue';
import { SigningService, generateSigningKeyDer, parseSigningKeys, verifyCompactJws } from '@eea/signing';
import { TestApp, createTestApp, seedOrganization } from '@eea/testing';

interface Row {
  seq: string;
  at: Date;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** SQL as a superuser attacker runs it: the append-only trigger switched off for the statement. */
async function asSuperuser(db: DataSource, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (m) => {
    await m.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await m.query(sql, params);
    await m.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
}

describe('audit log: append-only in the database, tamper-evident against signed checkpoints (SPEC 7)', () => {
  let t: TestApp;
  let db: DataSource;
  let auditor: string;

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    db = t.get(DataSource);
    auditor = (await t.request('POST', '/v1/tokens', { body: { role: 'auditor', name: 'dpo' } })).body.token;
    for (let i = 0; i < 6; i++) await seedOrganization(t, `org-${i}`, i % 2 ? 'standard' : 'eea_only');
  });
  afterAll(async () => {
    await t?.close();
  });

  const verify = async () =>
    verifyAuditChain(
      t.get(AuditService),
      (await t.get(AuditCheckpointService).list()).map((c) => c.jws),
      await t.get(SigningService).jwks(),
    );

  it("refuses UPDATE, DELETE and TRUNCATE of the log and its checkpoints to the service's own connection", async () => {
    await t.get(AuditCheckpointService).write();
    const before = await db.query('SELECT count(*)::int AS n FROM audit_log');
    for (const sql of [
      "UPDATE audit_log SET actor = 'x' WHERE seq = 1",
      'DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)',
      'TRUNCATE audit_log',
      "UPDATE audit_checkpoints SET hash = 'x'",
      'DELETE FROM audit_checkpoints',
      'TRUNCATE audit_checkpoints',
    ]) {
      await expect(db.query(sql)).rejects.toMatchObject({ driverError: { code: '42501' } });
    }
    expect(await db.query('SELECT count(*)::int AS n FROM audit_log')).toEqual(before);
  });

  it('publishes signed checkpoints of the chain head to auditors, verifiable with the public JWKS', async () => {
    await seedOrganization(t, 'org-late', 'standard');
    const written = await t.get(AuditCheckpointService).write();
    const [head] = await db.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    expect(written).toMatchObject({ seq: Number(head.seq), hash: head.hash });
    expect(await t.get(AuditCheckpointService).write()).toBeNull();

    const res = await t.request('GET', '/v1/audit/checkpoints', { token: auditor });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      seq: Number(head.seq),
      hash: head.hash,
      kid: expect.any(String),
      jws: expect.any(String),
    });
    const jwks = (await t.request('GET', '/.well-known/jwks.json', { token: '' })).body;
    const verified = await verifyCompactJws(res.body.items[0].jws, jwks, 'audit-checkpoint+jws');
    expect(verified.claims).toEqual({ seq: Number(head.seq), hash: head.hash, at: res.body.items[0].at });
    const manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'lead' } })).body.token;
    expect((await t.request('GET', '/v1/audit/checkpoints', { token: manager })).status).toBe(403);
  });

  it('has the worker sign the head on a schedule', async () => {
    const schedulers = await t.get(QueueService).queue('maintenance').getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('audit-checkpoint');
  });

  it('reports a deleted tail against the latest checkpoint, naming the missing entries', async () => {
    const latest = (await t.get(AuditCheckpointService).list())[0];
    expect(await verify()).toMatchObject({ ok: true, problems: [] });
    const removed: Row[] = await db.query('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq', [latest.seq - 2]);
    await asSuperuser(db, 'DELETE FROM audit_log WHERE seq > $1', [latest.seq - 2]);

    // The chain alone still looks intact: what audit:verify said before checkpoints existed.
    expect((await t.get(AuditService).verify()).broken).toBeNull();
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'deleted_tail', fromSeq: latest.seq - 1, toSeq: latest.seq }),
    ]);
    expect(result.message).toContain(`entries ${latest.seq - 1}-${latest.seq} are missing`);

    for (const r of removed) {
      await db.query(
        'INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, details, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
        [r.seq, r.at, r.actor, r.action, r.subject_type, r.subject_id, r.details, r.prev_hash, r.hash],
      );
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('reports a rewrite whose hashes were all recomputed, naming the range of entries affected', async () => {
    const latest = (await t.get(AuditCheckpointService).list())[0];
    const target = latest.seq - 2;
    const rows: Row[] = await db.query('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq', [target]);
    let prevHash = rows[0].prev_hash;
    for (const [i, r] of rows.entries()) {
      const entry = {
        seq: Number(r.seq),
        at: r.at,
        actor: r.actor,
        action: i === 0 ? 'nothing.happened' : r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        details: r.details,
        prevHash,
      };
      const hash = entryHash(entry);
      await asSuperuser(db, 'UPDATE audit_log SET action = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [
        entry.seq,
        entry.action,
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    expect((await t.get(AuditService).verify()).broken).toBeNull();
    const result = await verify();
    expect(result.ok).toBe(false);
    const [problem] = result.problems;
    // Every entry from the first changed one to the head is suspect.
    expect(problem).toMatchObject({ kind: 'rewritten', toSeq: Number(rows[rows.length - 1].seq) });
    expect(problem.fromSeq).toBeLessThanOrEqual(target);
    expect(result.message).toMatch(/audit log REWRITTEN: the entry at seq \d+ no longer has the hash signed/);
  });

  it('refuses a checkpoint that does not verify with the published keys', async () => {
    const [foreign] = parseSigningKeys(`other:${generateSigningKeyDer()}`);
    const { CompactSign } = await import('jose');
    const forged = await new CompactSign(
      new TextEncoder().encode(JSON.stringify({ seq: 1, hash: 'x', at: new Date().toISOString() })),
    )
      .setProtectedHeader({ alg: 'EdDSA', kid: 'other', typ: 'audit-checkpoint+jws' })
      .sign(foreign.privateKey!);
    const result = await verifyAuditChain(t.get(AuditService), [forged], await t.get(SigningService).jwks());
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'bad_checkpoint', fromSeq: 1 })]);
  });
});
