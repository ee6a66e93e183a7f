import { EndpointThrottle } from './endpoint-throttle';

describe('EndpointThrottle', () => {
  it('opens the breaker after consecutive failures and asks to wait instead of sending', async () => {
    const t = new EndpointThrottle({ breakerFailures: 3, breakerOpenMs: 60_000 });
    let calls = 0;
    const failing = async () => {
      calls++;
      return { succeeded: false };
    };
    for (let i = 0; i < 3; i++)
      expect(await t.run('whe_1', failing)).toEqual({ result: { succeeded: false } });
    const blocked = await t.run('whe_1', failing);
    expect(calls).toBe(3);
    expect('wait' in blocked && blocked.wait).toBeGreaterThan(59_000);
    // Other endpoints are unaffected.
    expect(await t.run('whe_2', async () => ({ succeeded: true }))).toEqual({
      result: { succeeded: true },
    });
  });

  it('spreads deliveries over the rate limit', () => {
    const t = new EndpointThrottle({ breakerFailures: 5, breakerOpenMs: 1000 });
    const waits = Array.from({ length: 5 }, () => t.rateLimitWait('whe_1', 2));
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    expect(waits[2]).toBeGreaterThan(0);
    expect(waits[3]).toBeGreaterThan(waits[2]!);
    expect(waits[4]).toBeGreaterThan(waits[3]!);
    expect(t.rateLimitWait('whe_2', null)).toBe(0);
  });
});
