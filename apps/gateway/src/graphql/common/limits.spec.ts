import { CostBudget } from './limits';

describe('CostBudget', () => {
  it('lets a caller spend its budget per minute, then answers the seconds until the next minute', () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 10);
    const budget = new CostBudget(100, () => now);
    expect(budget.charge('a', 60)).toBeNull();
    expect(budget.charge('a', 40)).toBeNull();
    expect(budget.charge('a', 1)).toBe(50);
    // Another caller has its own budget.
    expect(budget.charge('b', 100)).toBeNull();
    now += 50_000;
    expect(budget.charge('a', 100)).toBeNull();
  });

  it('stays bounded in the number of callers it remembers', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const budget = new CostBudget(10, () => now, 3);
    for (const c of ['a', 'b', 'c', 'd']) expect(budget.charge(c, 10)).toBeNull();
    expect((budget as unknown as { windows: Map<string, unknown> }).windows.size).toBe(3);
  });
});
