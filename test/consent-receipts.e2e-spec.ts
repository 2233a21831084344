import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ManualClock } from '@eea/config';
import { verifyReceipt } from '@eea/consent-gate';
import { generateSigningKeyDer } from '@eea/signing';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket } from '@eea/testing';

const CLI = join(__dirname, '..', 'dist', 'apps', 'cli', 'consent-verify.js');
const NOW = '2026-11-23T10:00:00.000Z';

/** Runs the compiled `npm run consent:verify` as an auditor would. */
function consentVerify(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every single-character change of a compact JWS that changes what it encodes. */
function oneCharacterChanges(jws: string): string[] {
  return [...jws].flatMap((ch, i) => (ch === '.' ? [] : [jws.slice(0, i) + (ch === 'A' ? 'B' : 'A') + jws.slice(i + 1)]));
}

/**
 * Signed consent receipts (SPEC 9): every consent has one, whether a manager recorded it or the customer
 * approved through a link; they verify offline against the published keys, and not after a change.
 */
describe('consent receipts', () => {
  const clock = new ManualClock(new Date(NOW));
  const oldKey = generateSigningKeyDer();
  const dir = mkdtempSync(join(tmpdir(), 'receipts-'));
  let t: TestApp;
  let manager: string;
  let ticketConsent: string;
  let problemConsent: string;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('dist/apps/cli/consent-verify.js is missing: run `npm run build` (npm test does)');
    t = await createTestApp({ clock, env: { SIGNING_KEYS: `k-2026a:${oldKey}` } });
    await seedOrganization(t, 'acme', 'eea_only');
    manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor lead' } })).body.token;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const jwks = async () => (await t.request('GET', '/.well-known/jwks.json', { token: '' })).body;
  const receiptOf = (id: string, token = manager) => t.request('GET', `/v1/consents/${id}/receipt`, { token });

  it("signs a manager's grant answering a request with exactly the claims of SPEC 9", async () => {
    const de = await seedAgent(t, { id: 'de-1', country: 'DE', skills: ['r'] });
    const ticketId = await seedTicket(t, {
      organizationId: 'acme',
      region: 'eu-west-1',
      severity: 2,
      skills: ['r'],
      externalId: 'ZD-1001',
      problemRef: 'PRB-1',
    });
    expect((await t.request('POST', '/v1/me/claims', { token: de })).body.id).toBe(ticketId);
    const asked = await t.request('POST', `/v1/tickets/${ticketId}/escalations`, {
      token: de,
      body: { country: 'US', reason: 'storage team' },
    });
    const requestId = asked.body.error.details[0].consentRequestId;
    const granted = await t.request('POST', '/v1/consents', {
      token: manager,
      body: {
        ticketId,
        countries: ['US'],
        approvedBy: { name: 'Dana Customer' },
        evidence: 'call 2026-11-23',
        consentRequestId: requestId,
      },
    });
    expect(granted.status).toBe(201);
    ticketConsent = granted.body.id;

    const res = await receiptOf(ticketConsent);
    expect(res.status).toBe(200);
    const verified = await verifyReceipt(res.body.receipt, await jwks());
    expect(verified.kid).toBe('k-2026a');
    expect(verified.claims).toEqual({
      consentId: ticketConsent,
      requestId,
      organizationId: 'acme',
      ticketExternalId: 'ZD-1001',
      countries: ['US'],
      grantedAt: NOW,
      expiresAt: '2026-11-30T10:00:00.000Z',
      approvedVia: 'manager',
    });
    expect(res.body.receipt).not.toContain('Dana');
    expect(Buffer.from(res.body.receipt.split('.')[1], 'base64url').toString()).not.toMatch(/Dana|call 2026/);
  });

  it('signs a problem-wide grant, and answers the same receipt every time, to auditors and admins too', async () => {
    const granted = await t.request('POST', '/v1/consents', {
      token: manager,
      body: {
        organizationId: 'acme',
        problemRef: 'PRB-9',
        countries: ['US'],
        approvedBy: { name: 'Dana Customer' },
        evidence: 'mail',
      },
    });
    problemConsent = granted.body.id;
    const first = await receiptOf(problemConsent);
    expect((await verifyReceipt(first.body.receipt, await jwks())).claims).toEqual({
      consentId: problemConsent,
      requestId: null,
      organizationId: 'acme',
      problemRef: 'PRB-9',
      countries: ['US'],
      grantedAt: NOW,
      expiresAt: '2026-11-30T10:00:00.000Z',
      approvedVia: 'manager',
    });
    const auditor = (await t.request('POST', '/v1/tokens', { body: { role: 'auditor', name: 'dpo' } })).body.token;
    expect((await receiptOf(problemConsent, auditor)).body).toEqual(first.body);
    expect((await receiptOf(problemConsent, '')).status).toBe(401);
    expect((await receiptOf(problemConsent, await seedAgent(t, { id: 'de-2', country: 'DE' }))).status).toBe(403);
    // A consent granted before receipts existed gets one on first request, with the same claims.
    await t.get(DataSource).query('UPDATE consents SET receipt = NULL WHERE id = $1', [problemConsent]);
    const late = (await receiptOf(problemConsent)).body.receipt;
    expect((await verifyReceipt(late, await jwks())).claims).toEqual(
      (await verifyReceipt(first.body.receipt, await jwks())).claims,
    );
    expect((await receiptOf(problemConsent)).body.receipt).toBe(late);
    expect((await receiptOf('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('refuses a receipt after any one character changes, and one checked against other keys', async () => {
    const { receipt } = (await receiptOf(ticketConsent)).body;
    const keys = await jwks();
    const changed = oneCharacterChanges(receipt);
    expect(changed.length).toBeGreaterThan(200);
    const accepted: string[] = [];
    for (const tampered of changed) {
      // Base64url's last character of a part may carry unused bits: a change there encodes the same bytes.
      const same = tampered
        .split('.')
        .every((part, i) => Buffer.from(part, 'base64url').equals(Buffer.from(receipt.split('.')[i], 'base64url')));
      if (
        !same &&
        (await verifyReceipt(tampered, keys).then(
          () => true,
          () => false,
        ))
      )
        accepted.push(tampered);
    }
    expect(accepted).toEqual([]);
    const stranger = { keys: [{ ...keys.keys[0], x: 'NbzMGpcp8K9nVDi1Bc8DzPkmixw5R-xEI1VGZjg26Ho' }] };
    await expect(verifyReceipt(receipt, stranger)).rejects.toThrow();
  });

  it('verifies offline with npm run consent:verify: exit 0 with what it attests, 1 after one byte changed', async () => {
    const { body } = await receiptOf(ticketConsent);
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify(await jwks()));
    writeFileSync(join(dir, 'receipt.json'), JSON.stringify(body));
    const ok = await consentVerify([join(dir, 'receipt.json'), '--jwks', join(dir, 'jwks.json')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`consent ${ticketConsent}`);
    expect(ok.stdout).toMatch(/organisation acme, ticket ZD-1001/);
    expect(ok.stdout).toMatch(/countries unlocked: US/);
    expect(ok.stdout).toMatch(/expires 2026-11-30T10:00:00.000Z/);

    const [header, payload, signature] = body.receipt.split('.');
    const bytes = Buffer.from(payload, 'base64url');
    bytes[bytes.indexOf('acme') + 1] ^= 0x01;
    writeFileSync(join(dir, 'tampered.jws'), `${header}.${bytes.toString('base64url')}.${signature}\n`);
    const bad = await consentVerify([join(dir, 'tampered.jws'), '--jwks', join(dir, 'jwks.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/INVALID/);
    expect(bad.stdout).toBe('');
    expect((await consentVerify([join(dir, 'receipt.json')])).code).toBe(2);
  });

  it('keeps receipts signed with a retired key verifiable after rotation', async () => {
    const before = (await receiptOf(ticketConsent)).body.receipt;
    await t.close({ keepEnvironment: true });
    t = await createTestApp({
      clock,
      env: {
        DATABASE_URL: t.env.DATABASE_URL,
        QUEUE_PREFIX: t.env.QUEUE_PREFIX,
        SIGNING_KEYS: `k-2026b:${generateSigningKeyDer()},k-2026a:${oldKey}`,
      },
    });
    manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor lead 2' } })).body.token;
    const keys = await jwks();
    expect(keys.keys.map((k: { kid: string }) => k.kid)).toEqual(['k-2026b', 'k-2026a']);
    expect((await receiptOf(ticketConsent)).body.receipt).toBe(before);
    expect((await verifyReceipt(before, keys)).kid).toBe('k-2026a');
    const granted = await t.request('POST', '/v1/consents', {
      token: manager,
      body: {
        organizationId: 'acme',
        problemRef: 'PRB-10',
        countries: ['US'],
        approvedBy: { name: 'Dana Customer' },
        evidence: 'mail',
      },
    });
    expect((await verifyReceipt((await receiptOf(granted.body.id)).body.receipt, keys)).kid).toBe('k-2026b');
  });
});
