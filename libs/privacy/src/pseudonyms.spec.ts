import { AppConfig, loadConfig } from '@eea/config';
import { PseudonymService, normalisePersonalValue } from './pseudonyms';

const service = (env: Record<string, string>) => new PseudonymService(loadConfig(env) as AppConfig);

describe('PseudonymService', () => {
  const rotated = service({ PSEUDONYM_KEY: 'k2:second-key-0123456789abcdef,k1:first-key-0123456789abcdef' });
  const oldOnly = service({ PSEUDONYM_KEY: 'k1:first-key-0123456789abcdef' });

  it('normalises emails and phones before hashing', () => {
    expect(normalisePersonalValue('email', '  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
    expect(normalisePersonalValue('phone', ' +49 (30) 1234-567 ')).toBe('+49301234567');
    expect(normalisePersonalValue('phone', '030 1234567')).toBe('0301234567');
    expect(rotated.pseudonymise('email', 'A@B.example')).toBe(rotated.pseudonymise('email', ' a@b.example'));
    expect(rotated.pseudonymise('phone', '+1 555 0100')).toBe(rotated.pseudonymise('phone', '+1-555-0100'));
  });

  it('pseudonymises under the current key, tagged with its id, never equal to the value', () => {
    const p = rotated.pseudonymise('email', 'jane@example.com')!;
    expect(p).toMatch(/^k2:[0-9a-f]{64}$/);
    expect(p).not.toContain('jane');
    expect(rotated.pseudonymise('phone', 'jane@example.com')).not.toBe(p);
    expect(service({ PSEUDONYM_KEY: 'k2:another-secret-0123456789' }).pseudonymise('email', 'jane@example.com')).not.toBe(p);
  });

  it('finds pseudonyms stored under an older key after rotation', () => {
    const stored = oldOnly.pseudonymise('email', 'jane@example.com')!;
    const candidates = rotated.candidates('email', 'JANE@example.com');
    expect(candidates).toHaveLength(2);
    expect(candidates).toContain(stored);
    expect(candidates[0]).toBe(rotated.pseudonymise('email', 'jane@example.com'));
  });

  it('gives no pseudonym for empty values', () => {
    expect(rotated.pseudonymise('email', '   ')).toBeNull();
    expect(rotated.candidates('phone', 'n/a')).toEqual([]);
  });

  it('uses the development key outside production only', () => {
    expect(service({}).pseudonymise('email', 'x@y.example')).toMatch(/^dev:/);
  });
});
