import fc from 'fast-check';
import { decodeCursor, encodeCursor } from './cursor';
import { MAX_INSTANT_MS, MIN_INSTANT_MS, parseInstant } from './instant';
import { cleanText, findUnsafeText, isSafeText } from './input-hygiene';

describe('parseInstant', () => {
  it('accepts ISO-8601 instants, with or without offset (UTC), and Jira-style offsets', () => {
    expect(parseInstant('2026-11-23T10:00:00Z')?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(parseInstant('2026-11-23T11:00:00.5+01:00')?.toISOString()).toBe('2026-11-23T10:00:00.500Z');
    expect(parseInstant('2026-11-23T10:00:00.000+0000')?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(parseInstant('2026-11-23')?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(parseInstant('2026-11-23T10:00:00')?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });

  it.each([
    '2026-W47-1',
    '2026-327',
    '20261123T100000Z',
    '-271821-04-20T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2026-02-30',
    '2026-11-23T24:00:00Z',
    '0000-12-31T23:59:59Z',
    '2026-11-23T10:00:00,5Z',
    'yesterday',
    '1',
    '',
    ' ',
    '2026-11-23T10:00:00+01',
  ])('refuses %p, which PostgreSQL or Date would read differently or not at all', (value) => {
    expect(parseInstant(value)).toBeNull();
  });

  it('takes epoch milliseconds only when asked, and only within range', () => {
    expect(parseInstant(0)).toBeNull();
    expect(parseInstant(0, { epochMs: true })?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    for (const n of [-8e15, 8.64e15, NaN, Infinity]) expect(parseInstant(n, { epochMs: true })).toBeNull();
  });

  it('returns only instants Date and PostgreSQL both hold, agreeing with Date where Date accepts the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        (text) => {
          const at = parseInstant(text);
          if (!at) return;
          expect(at.getTime()).toBeGreaterThanOrEqual(MIN_INSTANT_MS);
          expect(at.getTime()).toBeLessThanOrEqual(MAX_INSTANT_MS);
          if (/[Zz]$|[+-]\d{2}:?\d{2}$/.test(text)) expect(new Date(text).getTime()).toBe(at.getTime());
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('input hygiene', () => {
  it('finds NUL and lone surrogates in values and keys, naming the path without echoing odd keys', () => {
    expect(isSafeText('plain, with émoji 😀 and\nnewline')).toBe(true);
    expect(findUnsafeText({ a: [{ b: 'x\u0000' }] })).toBe('a[0].b');
    expect(findUnsafeText({ problemRef: '\ud800' })).toBe('problemRef');
    expect(findUnsafeText({ 'jane@example.test': { x: '\udc00' } })).toBe('<key>.x');
    expect(findUnsafeText({ ['k\u0000']: 1 })).toBe('<key>');
    expect(findUnsafeText({ ok: ['😀'] })).toBeNull();
    expect(findUnsafeText(Buffer.from([0]))).toBeNull();
  });

  it('cleans text for fail-closed adapters and says when it did', () => {
    expect(cleanText('a\u0000b\ud800c')).toEqual({ value: 'ab\ufffdc', changed: true });
    expect(cleanText('fine')).toEqual({ value: 'fine', changed: false });
  });
});

describe('cursors', () => {
  const position = { at: new Date('2026-11-23T10:00:00.123Z'), id: '0b7c2d1e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' };

  it('round-trips what the API returned', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses anything else with 400 naming cursor, including texts Date.parse would accept', () => {
    const craft = (text: string) => Buffer.from(text).toString('base64url');
    for (const bad of [
      'not-a-cursor',
      craft(`1|${position.id}`),
      craft(`foo 1|${'a'.repeat(36)}`),
      craft(`connection error|${position.id}`),
      craft(`2026-11-23T10:00:00.123Z|${position.id}x`),
      `${encodeCursor(position)}=`,
      '',
    ]) {
      expect(() => decodeCursor(bad)).toThrow(
        expect.objectContaining({
          code: 'validation_failed',
          details: [{ field: 'cursor', message: 'is not a cursor this API returned' }],
        }),
      );
    }
  });
});
