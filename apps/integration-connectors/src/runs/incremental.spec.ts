import { cursorValue, isAfter, lowerBound } from './incremental';

const inc = (over: Record<string, unknown> = {}) => ({
  cursorField: 'updated_at',
  format: 'iso8601' as const,
  lookbackSeconds: 0,
  ...over,
});

describe('incremental cursor', () => {
  it('starts from the start value, then strictly after the saved cursor', () => {
    expect(lowerBound(null, inc({ startValue: '2024-01-01T00:00:00Z' }))).toEqual({
      bound: '2024-01-01T00:00:00Z',
      strict: false,
    });
    expect(lowerBound(null, inc())).toEqual({ bound: null, strict: false });
    expect(lowerBound('2024-05-01T00:00:00.000Z', inc())).toEqual({
      bound: '2024-05-01T00:00:00.000Z',
      strict: true,
    });
  });

  it('reads a lookback window behind the saved cursor, inclusively', () => {
    expect(lowerBound('2024-05-01T00:10:00.000Z', inc({ lookbackSeconds: 600 }))).toEqual({
      bound: '2024-05-01T00:00:00.000Z',
      strict: false,
    });
    expect(lowerBound('1000', inc({ format: 'unixSeconds', lookbackSeconds: 60 })).bound).toBe(940);
    expect(lowerBound('100000', inc({ format: 'unixMillis', lookbackSeconds: 60 })).bound).toBe(
      40000,
    );
  });

  it('compares values of each format', () => {
    const b = cursorValue('2024-05-01T00:00:00Z', 'iso8601');
    expect(isAfter(cursorValue('2024-05-01T00:00:01Z', 'iso8601'), b, true)).toBe(true);
    expect(isAfter(b, b, true)).toBe(false);
    expect(isAfter(b, b, false)).toBe(true);
    expect(cursorValue('17', 'number')).toBe(17);
    // Records without a readable cursor are kept rather than silently lost.
    expect(isAfter(cursorValue(undefined, 'iso8601'), b, true)).toBe(true);
  });
});
