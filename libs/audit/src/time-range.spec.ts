import { ApiError } from '@eea/http';
import { toCsv } from './csv';
import { parseTimeRange } from './time-range';

const now = new Date('2026-11-23T10:00:00Z');
const fieldsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return ((e as ApiError).details ?? []).map((d) => d.field);
  }
  return [];
};

describe('parseTimeRange', () => {
  it('defaults to the last 30 days up to now', () => {
    expect(parseTimeRange({}, now)).toEqual({ from: new Date('2026-10-24T10:00:00Z'), to: now });
  });

  it('accepts ISO-8601 dates and instants with offsets', () => {
    expect(parseTimeRange({ from: '2026-11-01', to: '2026-11-02T01:00:00+01:00' }, now)).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00Z'),
    });
  });

  it('names each bad field', () => {
    expect(fieldsOf(() => parseTimeRange({ from: 'yesterday', to: '1700000000' }, now))).toEqual(['to', 'from']);
    expect(fieldsOf(() => parseTimeRange({ from: '2026-13-45' }, now))).toEqual(['from']);
    expect(fieldsOf(() => parseTimeRange({ from: '2026-11-02', to: '2026-11-01' }, now))).toEqual(['from']);
  });
});

describe('toCsv', () => {
  it('writes a header row, quotes what needs it and defuses formulas', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        { a: 'x,y', b: null },
        { a: '=cmd()', b: 'say "hi"' },
      ],
    );
    expect(csv).toBe('a,b\r\n"x,y",\r\n\'=cmd(),"say ""hi"""\r\n');
  });
});
