import { classifyHealth } from './health';

describe('classifyHealth', () => {
  it.each([
    [5000.01, 0, 'CRITICAL'],
    [5000, 0, 'WARNING'],
    [2000.01, 0.5, 'WARNING'],
    [9000, 0.9, 'CRITICAL'],
    [2000, 0.1, 'HEALTHY'],
    [2000, 0.1001, 'ERROR'],
    [10, 0.11, 'ERROR'],
    [0, 0, 'HEALTHY'],
  ])('avg %p ms, error rate %p → %s', (avg, errorRate, status) => {
    expect(classifyHealth(avg, errorRate)).toBe(status);
  });
});
