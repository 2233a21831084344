import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Client } from 'pg';
import { entryHash } from '../../libs/audit/src/audit-chain';
import { sleep } from '../support/service';
import type { Verdict } from './verify';

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

/** `npm run audit:verify` as an operator runs it (built CLI, the service's environment): exit code and output. */
function auditVerify(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'apps', 'cli', 'audit-verify.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 2, output: output.trim() }));
  });
}

/** What a superuser can do despite the append-only trigger: switch it off for one transaction. */
async function asSuperuser(db: Client, statements: Array<[string, unknown[]]>): Promise<void> {
  await db.query('BEGIN');
  try {
    await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    for (const [sql, params] of statements) await db.query(sql, params);
    await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    await db.query('COMMIT');
  } catch (e) {
    await db.query('ROLLBACK');
    throw e;
  }
}

const restore = (rows: Row[]): Array<[string, unknown[]]> =>
  rows.map((r) => [
    `INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, details, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
   ON CONFLICT (seq) DO UPDATE SET action = EXCLUDED.action, prev_hash = EXCLUDED.prev_hash, hash = EXCLUDED.hash`,
    [r.seq, r.at, r.actor, r.action, r.subject_type, r.subject_id, r.details, r.prev_hash, r.hash],
  ]);

/**
 * The tamper drill (SPEC 7): with the trigger refusing changes to the service, a superuser deletes the
 * newest entries, then rewrites one and recomputes every later hash so that the chain itself is
 * intact. `audit:verify` must report both against the last signed checkpoint, naming the entries.
 */
export async function tamperDrill(db: Client, env: Record<string, string>, say: (s: string) => void): Promise<Verdict> {
  const checks: [boolean, string][] = [];
  const refused = await db.query('DELETE FROM audit_log').then(
    () => false,
    (e: { code?: string }) => e.code === '42501',
  );
  checks.push([refused, `DELETE FROM audit_log without switching the trigger off: ${refused ? 'refused (42501)' : 'ALLOWED'}`]);
  const head = async () => Number((await db.query('SELECT coalesce(max(seq), 0) AS n FROM audit_log')).rows[0].n);
  const signed = async () => Number((await db.query('SELECT coalesce(max(seq), 0) AS n FROM audit_checkpoints')).rows[0].n);
  const deadline = Date.now() + 30_000;
  while ((await signed()) < (await head()) && Date.now() < deadline) await sleep(500);
  const top = await head();
  say(`audit log has ${top} entries; the worker's latest signed checkpoint covers ${await signed()}`);
  const intact = await auditVerify(env);
  checks.push([intact.code === 0, `before tampering: audit:verify exit ${intact.code}: ${intact.output}`]);

  const tail: Row[] = (await db.query('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq', [top - 3])).rows;
  await asSuperuser(db, [['DELETE FROM audit_log WHERE seq > $1', [top - 3]]]);
  say(`deleted entries ${top - 2}-${top} as a superuser (trigger disabled)`);
  const truncated = await auditVerify(env);
  checks.push([
    truncated.code === 1 && truncated.output.includes(`entries ${top - 2}-${top} are missing`),
    `deleted tail: audit:verify exit ${truncated.code}: ${truncated.output}`,
  ]);
  await asSuperuser(db, restore(tail));

  const rewritten = tail.map((r) => ({ ...r }));
  let prevHash = rewritten[0].prev_hash;
  for (const [i, r] of rewritten.entries()) {
    if (i === 0) r.action = 'nothing.happened';
    r.prev_hash = prevHash;
    r.hash = entryHash({
      seq: Number(r.seq),
      at: r.at,
      actor: r.actor,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      details: r.details,
      prevHash,
    });
    prevHash = r.hash;
  }
  await asSuperuser(db, restore(rewritten));
  say(`rewrote entry ${top - 2} and recomputed the hashes of ${top - 2}-${top} (the chain links are intact)`);
  const rewrite = await auditVerify(env);
  checks.push([
    rewrite.code === 1 && rewrite.output.includes('REWRITTEN'),
    `recomputed rewrite: audit:verify exit ${rewrite.code}: ${rewrite.output}`,
  ]);
  await asSuperuser(db, restore(tail));
  const back = await auditVerify(env);
  checks.push([back.code === 0, `entries restored: audit:verify exit ${back.code}`]);
  return { ok: checks.every(([ok]) => ok), lines: checks.map(([ok, text]) => `${ok ? 'ok  ' : 'FAIL'}  ${text}`) };
}
