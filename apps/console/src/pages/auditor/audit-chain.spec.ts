import { GENESIS_HASH, entryHash } from '../../../../../libs/audit/src/audit-chain';
import { AuditEntry, checkChain } from './audit-chain';

/** The browser's check must agree with the server's hash chain, and say where it breaks. */
function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const base = {
      seq,
      at: new Date(Date.UTC(2026, 10, 23, 10, seq)),
      actor: `token-${seq}`,
      action: 'consent.granted',
      subjectType: 'consent',
      subjectId: `c-${seq}`,
      details: { countries: ['US'], b: 1, a: { z: null, y: 'x' } },
      prevHash,
    };
    const hash = entryHash(base);
    entries.push({ ...base, at: base.at.toISOString(), actor: { id: base.actor, name: 'floor lead', role: 'manager' }, hash });
    prevHash = hash;
  }
  return entries;
}

describe('audit chain check in the console', () => {
  it('finds an untouched chain intact', async () => {
    await expect(checkChain(chain(5))).resolves.toEqual({ intact: true, checked: 5 });
  });

  it('names the entry whose content changed', async () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], details: { ...entries[2].details, countries: ['US', 'CN'] } };
    await expect(checkChain(entries)).resolves.toEqual({
      intact: false,
      seq: 3,
      reason: 'its content was changed after it was written',
    });
  });

  it('names a missing entry and a broken link', async () => {
    const entries = chain(5);
    await expect(checkChain([...entries.slice(0, 2), ...entries.slice(3)])).resolves.toMatchObject({
      intact: false,
      seq: 4,
      reason: 'entry 3 is missing',
    });
    entries[3] = { ...entries[3], prevHash: 'f'.repeat(64) };
    await expect(checkChain(entries)).resolves.toMatchObject({ intact: false, seq: 4 });
  });
});
