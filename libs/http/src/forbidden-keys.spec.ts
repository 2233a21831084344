import { findForbiddenKey } from './forbidden-keys';

describe('findForbiddenKey', () => {
  it('finds prototype-pollution keys at any depth, naming their path', () => {
    expect(findForbiddenKey(JSON.parse('{"a": {"__proto__": {"x": 1}}}'))).toBe('a.__proto__');
    expect(findForbiddenKey({ list: [{ ok: 1 }, { constructor: 1 }] })).toBe('list[1].constructor');
    expect(findForbiddenKey({ prototype: null })).toBe('prototype');
  });

  it('accepts ordinary bodies, values that merely look like the keys, and non-objects', () => {
    expect(findForbiddenKey({ name: '__proto__', tags: ['constructor'], nested: { prototypes: 1 } })).toBeNull();
    for (const body of [undefined, null, 'text', 42, []]) expect(findForbiddenKey(body)).toBeNull();
    // A raw body kept for signature checks is bytes, not keys (the webhook parser scans it after verifying).
    expect(findForbiddenKey(Buffer.from('{"__proto__": 1}'))).toBeNull();
  });

  it('rejects nesting deeper than a legitimate body has, instead of recursing without bound', () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect(findForbiddenKey(deep)).toMatch(/^a(\.a)+$/);
  });
});
