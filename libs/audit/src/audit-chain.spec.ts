import { ChainedEntry, GENESIS_HASH, entryHash, findBrokenLink } from './audit-chain';

function chain(n: number): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const base = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actor: 'token-1',
      action: 'consent.granted',
      subjectType: 'consent',
      subjectId: `c${seq}`,
      details: { countries: ['US'], b: 1, a: 2 },
      prevHash,
    };
    const entry = { ...base, hash: entryHash(base) };
    out.push(entry);
    prevHash = entry.hash;
  }
  return out;
}

describe('audit chain', () => {
  it('verifies an intact chain', () => {
    expect(findBrokenLink(chain(5))).toBeNull();
  });

  it('does not depend on the key order of details', () => {
    const [e] = chain(1);
    expect(entryHash({ ...e, details: { a: 2, countries: ['US'], b: 1 } })).toBe(e.hash);
  });

  it('finds a changed entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], actor: 'someone-else' };
    expect(findBrokenLink(entries)).toEqual({ seq: 3, reason: 'entry content does not match its hash' });
  });

  it('finds a removed entry and a re-hashed forgery', () => {
    const entries = chain(5);
    expect(findBrokenLink([...entries.slice(0, 2), ...entries.slice(3)])?.seq).toBe(4);
    const forged = { ...entries[1], action: 'nothing.happened' };
    forged.hash = entryHash(forged);
    expect(findBrokenLink([entries[0], forged, ...entries.slice(2)])).toEqual({
      seq: 3,
      reason: 'prev_hash does not match the previous entry',
    });
  });
});
