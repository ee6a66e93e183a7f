import { isoTime } from './exchange';

describe('request event timestamps', () => {
  it('formats exactly as Date#toISOString, across millisecond, second and day boundaries', () => {
    const base = Date.UTC(2026, 10, 23, 23, 59, 58, 990);
    for (let ms = base; ms < base + 2_100; ms++) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
    for (const ms of [
      0, 7, 42, 999, 1_000, 1_763_888_000_005, 1_763_888_000_005, 1_700_000_000_000,
    ]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
    expect(isoTime(-1)).toBe(new Date(-1).toISOString());
  });
});
