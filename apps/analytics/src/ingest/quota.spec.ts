import { crossedThresholds } from './quota';

describe('crossedThresholds', () => {
  it('reports each threshold once, when the count reaches it', () => {
    expect(crossedThresholds(0, 799, 1000)).toEqual([]);
    expect(crossedThresholds(799, 800, 1000)).toEqual([80]);
    expect(crossedThresholds(800, 999, 1000)).toEqual([]);
    expect(crossedThresholds(999, 1000, 1000)).toEqual([100]);
    expect(crossedThresholds(1000, 5000, 1000)).toEqual([]);
    expect(crossedThresholds(10, 2000, 1000)).toEqual([80, 100]);
  });

  it('needs a quota', () => {
    expect(crossedThresholds(0, 10, null)).toEqual([]);
    expect(crossedThresholds(0, 10, 0)).toEqual([]);
  });

  it('uses exact integer arithmetic (80% of 3 is 2.4: reached at 3)', () => {
    expect(crossedThresholds(2, 3, 3)).toEqual([80, 100]);
    expect(crossedThresholds(1, 2, 3)).toEqual([]);
  });
});
