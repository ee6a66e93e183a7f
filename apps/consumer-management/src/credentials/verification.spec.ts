import { intersect, ttlUntil } from './verification';

describe('verification answers', () => {
  it('intersects API restrictions, null meaning none', () => {
    expect(intersect(null, null)).toBeNull();
    expect(intersect(['a'], null)).toEqual(['a']);
    expect(intersect(null, ['b'])).toEqual(['b']);
    expect(intersect(['a', 'b'], ['b', 'c'])).toEqual(['b']);
    expect(intersect(['a'], ['c'])).toEqual([]);
  });

  it('never lets an answer be cached beyond the credential expiry', () => {
    const now = 1_000_000;
    expect(ttlUntil(null, 60, now)).toBe(60);
    expect(ttlUntil(new Date(now + 10_500), 60, now)).toBe(10);
    expect(ttlUntil(new Date(now + 600_000), 60, now)).toBe(60);
    expect(ttlUntil(new Date(now - 1), 60, now)).toBe(0);
  });
});
