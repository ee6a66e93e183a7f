import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  DEFAULT_RESILIENCE,
  TaskCancelledError,
  createCircuitBreaker,
  createPolicy,
  isBrokenCircuitError,
} from './index';

const boom = () => {
  throw new Error('boom');
};

async function waitFor(cond: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('DEFAULT_RESILIENCE', () => {
  it('has the documented defaults and cannot be mutated by accident', () => {
    expect(DEFAULT_RESILIENCE.retry.maxAttempts).toBe(3);
    expect(DEFAULT_RESILIENCE.circuitBreaker).toEqual({
      consecutiveFailures: 5,
      halfOpenAfterMs: 60_000,
    });
    expect(Object.isFrozen(DEFAULT_RESILIENCE.retry)).toBe(true);
  });
});

describe('createCircuitBreaker', () => {
  it('opens after exactly the configured consecutive failures and then rejects without calling', async () => {
    const onBreak = jest.fn();
    const breaker = createCircuitBreaker(
      { consecutiveFailures: 3, halfOpenAfterMs: 10_000 },
      { onBreak },
    );
    const fn = jest.fn(boom);

    for (let i = 0; i < 2; i++) await expect(breaker.execute(fn)).rejects.toThrow('boom');
    expect(breaker.state).toBe(CircuitState.Closed);
    await expect(breaker.execute(fn)).rejects.toThrow('boom');
    expect(breaker.state).toBe(CircuitState.Open);
    expect(onBreak).toHaveBeenCalledTimes(1);
    expect(onBreak.mock.calls[0][0].error).toBeInstanceOf(Error);

    const rejected = await breaker.execute(fn).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(BrokenCircuitError);
    expect(isBrokenCircuitError(rejected)).toBe(true);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('a success in between resets the count', async () => {
    const breaker = createCircuitBreaker({ consecutiveFailures: 2, halfOpenAfterMs: 10_000 });
    await expect(breaker.execute(boom)).rejects.toThrow();
    await breaker.execute(() => 'ok');
    await expect(breaker.execute(boom)).rejects.toThrow();
    expect(breaker.state).toBe(CircuitState.Closed);
  });

  it('half-opens after the window, closes on a successful trial and reopens on a failed one', async () => {
    const onHalfOpen = jest.fn();
    const onReset = jest.fn();
    const breaker = createCircuitBreaker(
      { consecutiveFailures: 1, halfOpenAfterMs: 30 },
      { onHalfOpen, onReset },
    );
    await expect(breaker.execute(boom)).rejects.toThrow();
    await expect(breaker.execute(() => 'too early')).rejects.toBeInstanceOf(BrokenCircuitError);

    await new Promise((r) => setTimeout(r, 40));
    await expect(breaker.execute(boom)).rejects.toThrow('boom'); // trial call runs and fails
    expect(onHalfOpen).toHaveBeenCalledTimes(1);
    expect(breaker.state).toBe(CircuitState.Open);

    await new Promise((r) => setTimeout(r, 40));
    await expect(breaker.execute(() => 'recovered')).resolves.toBe('recovered');
    expect(breaker.state).toBe(CircuitState.Closed);
    expect(onReset).toHaveBeenCalledTimes(1);
  });

  it('ignores errors that isFailure says are not the resource failing', async () => {
    const breaker = createCircuitBreaker(
      { consecutiveFailures: 1, halfOpenAfterMs: 10_000 },
      { isFailure: (e) => !(e instanceof RangeError) },
    );
    await expect(
      breaker.execute(() => Promise.reject(new RangeError('caller bug'))),
    ).rejects.toThrow();
    expect(breaker.state).toBe(CircuitState.Closed);
  });

  it('rejects nonsense configuration', () => {
    expect(() => createCircuitBreaker({ consecutiveFailures: 0, halfOpenAfterMs: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('createPolicy: retry', () => {
  it('stops at maxAttempts calls in total and rethrows the last error', async () => {
    const policy = createPolicy({ retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 } });
    const seen: number[] = [];
    const err = await policy
      .execute(({ attempt }) => {
        seen.push(attempt);
        throw new Error(`fail ${attempt}`);
      })
      .catch((e: Error) => e);
    expect(seen).toEqual([0, 1, 2]);
    expect((err as Error).message).toBe('fail 2');
  });

  it('returns the first success', async () => {
    const policy = createPolicy({ retry: { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 2 } });
    let calls = 0;
    await expect(policy.execute(() => (++calls < 2 ? boom() : 'ok'))).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('does not retry what shouldRetry rejects', async () => {
    const policy = createPolicy(
      { retry: { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 2 } },
      { shouldRetry: (e) => (e as Error).message === 'transient' },
    );
    const fn = jest.fn(() => {
      throw new Error('permanent');
    });
    await expect(policy.execute(fn)).rejects.toThrow('permanent');
    expect(fn).toHaveBeenCalledTimes(1);

    let n = 0;
    const flaky = jest.fn(() => {
      throw new Error(++n < 3 ? 'transient' : 'permanent');
    });
    await expect(policy.execute(flaky)).rejects.toThrow('permanent');
    expect(flaky).toHaveBeenCalledTimes(3);
  });

  it('without retry config calls exactly once', async () => {
    const fn = jest.fn(boom);
    await expect(createPolicy({}).execute(fn)).rejects.toThrow('boom');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('backs off exponentially with jitter, each delay longer than the last and within bounds', async () => {
    const initialDelayMs = 2;
    const maxDelayMs = 16;
    for (let run = 0; run < 5; run++) {
      const delays: number[] = [];
      const policy = createPolicy(
        { retry: { maxAttempts: 7, initialDelayMs, maxDelayMs } },
        { onRetry: (e) => delays.push(e.delayMs) },
      );
      await expect(policy.execute(boom)).rejects.toThrow();
      expect(delays).toHaveLength(6);
      delays.forEach((d, n) => {
        const base = Math.min(maxDelayMs, initialDelayMs * 2 ** n);
        expect(d).toBeGreaterThanOrEqual(Math.floor(base / 2));
        expect(d).toBeLessThanOrEqual(base);
      });
      // Strictly growing until the cap (base 16 is reached at n = 3).
      expect(delays[1]).toBeGreaterThan(delays[0]);
      expect(delays[2]).toBeGreaterThan(delays[1]);
      expect(delays[3]).toBeGreaterThan(delays[2]);
      expect(Math.max(...delays)).toBeLessThanOrEqual(maxDelayMs);
    }
  });

  it('uses the delay the error asks for (Retry-After) and the backoff otherwise', async () => {
    const delays: number[] = [];
    let calls = 0;
    const policy = createPolicy(
      { retry: { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 4 } },
      {
        onRetry: (e) => delays.push(e.delayMs),
        retryDelayMs: (err) => (err as { wait?: number }).wait ?? undefined,
      },
    );
    await expect(
      policy.execute(() => {
        calls++;
        throw Object.assign(new Error('busy'), calls === 2 ? { wait: 30 } : {});
      }),
    ).rejects.toThrow('busy');
    expect(calls).toBe(4);
    expect(delays[1]).toBe(30);
    expect(delays[0]).toBeLessThanOrEqual(1);
    expect(delays[2]).toBeLessThanOrEqual(4);
  });

  it('jitter actually varies the delays', async () => {
    const thirdRetryDelays = new Set<number>();
    for (let run = 0; run < 20; run++) {
      const policy = createPolicy(
        { retry: { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 64 } },
        { onRetry: (e) => e.attempt === 3 && thirdRetryDelays.add(e.delayMs) },
      );
      await expect(policy.execute(boom)).rejects.toThrow();
    }
    expect(thirdRetryDelays.size).toBeGreaterThan(1);
  });
});

describe('createPolicy: timeout', () => {
  it('aborts a slow attempt through its signal and fails with TaskCancelledError', async () => {
    const policy = createPolicy({ timeoutMs: 20 });
    let signal: AbortSignal | undefined;
    const started = Date.now();
    const err = await policy
      .execute(
        (ctx) =>
          new Promise((_resolve, reject) => {
            signal = ctx.signal;
            ctx.signal.addEventListener('abort', () =>
              reject(new DOMException('aborted', 'AbortError')),
            );
          }),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskCancelledError);
    expect((err as Error).message).toContain('20ms');
    expect(signal?.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('gives every attempt its own budget and retries timeouts', async () => {
    const policy = createPolicy({
      timeoutMs: 15,
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    });
    const signals: AbortSignal[] = [];
    const result = await policy.execute(
      (ctx) =>
        new Promise<string>((resolve, reject) => {
          signals.push(ctx.signal);
          if (ctx.attempt === 2) return resolve('third time lucky');
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    expect(result).toBe('third time lucky');
    expect(signals).toHaveLength(3);
    expect(new Set(signals).size).toBe(3);
  });

  it("passes a caller's own abort through unchanged and does not retry it", async () => {
    const policy = createPolicy({
      timeoutMs: 5_000,
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    });
    const caller = new AbortController();
    const fn = jest.fn(
      (ctx: { signal: AbortSignal }) =>
        new Promise((_r, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new Error('caller gave up'))),
        ),
    );
    const p = policy.execute(fn, caller.signal);
    caller.abort();
    await expect(p).rejects.toThrow('caller gave up');
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('createPolicy: bulkhead', () => {
  it('runs up to maxConcurrent, queues maxQueue and rejects beyond', async () => {
    const policy = createPolicy({ bulkhead: { maxConcurrent: 2, maxQueue: 1 } });
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const task = () =>
      policy.execute(
        () =>
          new Promise<void>((resolve) => {
            running++;
            peak = Math.max(peak, running);
            gates.push(() => {
              running--;
              resolve();
            });
          }),
      );
    const accepted = [task(), task(), task()];
    await expect(task()).rejects.toBeInstanceOf(BulkheadRejectedError);
    await waitFor(() => gates.length === 2);
    gates.shift()!();
    await waitFor(() => gates.length === 2); // the queued call got the freed slot
    gates.splice(0).forEach((open) => open());
    await Promise.all(accepted);
    expect(peak).toBe(2);
  });
});

describe('createPolicy: composition', () => {
  it('counts one exhausted retry sequence as one breaker failure and exposes the breaker', async () => {
    const policy = createPolicy({
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
      circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 10_000 },
    });
    const fn = jest.fn(boom);
    await expect(policy.execute(fn)).rejects.toThrow('boom');
    expect(fn).toHaveBeenCalledTimes(3);
    expect(policy.breaker?.state).toBe(CircuitState.Closed);
    await expect(policy.execute(fn)).rejects.toThrow('boom');
    expect(policy.breaker?.state).toBe(CircuitState.Open);
    await expect(policy.execute(fn)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(fn).toHaveBeenCalledTimes(6);
  });
});
