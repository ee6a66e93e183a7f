import { planRange, pointIndex } from './time-range';

const now = Date.parse('2026-11-20T12:34:56Z');

describe('planRange', () => {
  it.each([
    ['15m', 'minute', '2026-11-20T12:20:00.000Z', '2026-11-20T12:35:00.000Z', 15],
    ['1h', 'minute', '2026-11-20T11:35:00.000Z', '2026-11-20T12:35:00.000Z', 60],
    ['24h', 'hour', '2026-11-19T13:00:00.000Z', '2026-11-20T13:00:00.000Z', 24],
    ['7d', 'hour', '2026-11-13T13:00:00.000Z', '2026-11-20T13:00:00.000Z', 28],
    ['30d', 'day', '2026-10-22T00:00:00.000Z', '2026-11-21T00:00:00.000Z', 30],
  ] as const)(
    '%s reads %s buckets from %s to %s in %d points',
    (range, level, from, to, points) => {
      const p = planRange(range, now);
      expect([
        p.level,
        new Date(p.from).toISOString(),
        new Date(p.to).toISOString(),
        p.points,
      ]).toEqual([level, from, to, points]);
    },
  );

  it('puts a bucket of a finer level in the series point that contains it', () => {
    const p = planRange('7d', now);
    expect(pointIndex(p, p.from)).toBe(0);
    expect(pointIndex(p, p.from + 6 * 3_600_000 - 60_000)).toBe(0);
    expect(pointIndex(p, p.from + 6 * 3_600_000)).toBe(1);
    expect(pointIndex(p, Date.parse('2026-11-20T12:34:00Z'))).toBe(27);
  });
});
