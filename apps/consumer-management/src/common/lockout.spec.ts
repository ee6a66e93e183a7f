import { Lockout } from './lockout';

describe('Lockout', () => {
  let now = 0;
  const make = (maxEntries?: number) =>
    new Lockout({
      threshold: 3,
      windowMs: 1000,
      lockMs: 10_000,
      maxLockMs: 40_000,
      now: () => now,
      ...(maxEntries ? { maxEntries } : {}),
    });

  beforeEach(() => (now = 0));

  it('locks a subject after `threshold` failures within the window', () => {
    const l = make();
    l.fail(['ip:a']);
    l.fail(['ip:a']);
    expect(l.lockedFor(['ip:a'])).toBe(0);
    l.fail(['ip:a']);
    expect(l.lockedFor(['ip:a'])).toBe(10_000);
    expect(l.lockedFor(['ip:b'])).toBe(0);
    expect(l.lockedFor(['ip:b', 'ip:a'])).toBe(10_000);
    now = 10_000;
    expect(l.lockedFor(['ip:a'])).toBe(0);
  });

  it('forgets failures spread wider than the window', () => {
    const l = make();
    for (let i = 0; i < 6; i++) {
      l.fail(['k']);
      now += 600;
      if (i % 2 === 1) now += 600;
    }
    expect(l.lockedFor(['k'])).toBe(0);
  });

  it('doubles each further lock-out up to the maximum', () => {
    const l = make();
    const lockOnce = () => {
      for (let i = 0; i < 3; i++) l.fail(['k']);
      return l.lockedFor(['k']);
    };
    expect(lockOnce()).toBe(10_000);
    now += 10_000;
    expect(lockOnce()).toBe(20_000);
    now += 20_000;
    expect(lockOnce()).toBe(40_000);
    now += 40_000;
    expect(lockOnce()).toBe(40_000);
  });

  it('applies a per-subject threshold where given', () => {
    const l = new Lockout({
      threshold: 2,
      thresholdFor: (s) => (s.startsWith('ip:') ? 4 : undefined),
      windowMs: 1000,
      lockMs: 10_000,
      maxLockMs: 40_000,
      now: () => now,
    });
    for (let i = 0; i < 3; i++) l.fail(['ip:a', `key:${i % 2}`]);
    expect(l.lockedFor(['key:0'])).toBe(10_000);
    expect(l.lockedFor(['ip:a'])).toBe(0);
    l.fail(['ip:a']);
    expect(l.lockedFor(['ip:a'])).toBe(10_000);
  });

  it('stays bounded', () => {
    const l = make(100);
    for (let i = 0; i < 1000; i++) l.fail([`ip:${i}`]);
    expect(l.size).toBe(100);
  });
});
