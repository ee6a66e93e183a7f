import { BrokenCircuitError } from '@portico/resilience';
import type { Dispatcher } from 'undici';
import { AttemptDeadline, FailedStatus, classify, isInstanceFailure } from './failures';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('classify', () => {
  it('tells timeouts, refused connects, broken exchanges, bad statuses and local errors apart', () => {
    expect(classify(withCode('UND_ERR_HEADERS_TIMEOUT'))).toBe('timeout');
    expect(classify(withCode('UND_ERR_CONNECT_TIMEOUT'))).toBe('timeout');
    expect(classify(withCode('UPSTREAM_ATTEMPT_TIMEOUT'))).toBe('timeout');
    expect(classify(withCode('ECONNREFUSED'))).toBe('refused');
    expect(classify(new AggregateError([withCode('ECONNREFUSED')]))).toBe('refused');
    expect(classify(withCode('UND_ERR_SOCKET'))).toBe('broken');
    expect(classify(withCode('ECONNRESET'))).toBe('broken');
    expect(classify(new FailedStatus({ statusCode: 503 } as Dispatcher.ResponseData))).toBe(
      'status',
    );
    expect(classify(new BrokenCircuitError())).toBe('circuit');
    expect(classify(withCode('UND_ERR_INVALID_ARG'))).toBe('local');
    expect(classify(withCode('UND_ERR_NOT_SUPPORTED'))).toBe('local');
    expect(classify(new TypeError('bug'))).toBe('local');
  });

  it('counts only failures of the instance against it', () => {
    expect(isInstanceFailure(withCode('ECONNRESET'))).toBe(true);
    expect(isInstanceFailure(withCode('UND_ERR_INVALID_ARG'))).toBe(false);
    expect(isInstanceFailure(new BrokenCircuitError())).toBe(false);
  });
});

describe('AttemptDeadline', () => {
  it('calls the listener undici registered once it expires, with a timeout reason', async () => {
    const deadline = new AttemptDeadline(5);
    const fired = new Promise<void>((resolve) => deadline.once('abort', resolve));
    await fired;
    expect(deadline.aborted).toBe(true);
    expect(classify(deadline.reason)).toBe('timeout');
  });

  it('does nothing once cleared', async () => {
    const deadline = new AttemptDeadline(5);
    const listener = jest.fn();
    deadline.once('abort', listener);
    deadline.clear();
    await new Promise((r) => setTimeout(r, 30));
    expect(listener).not.toHaveBeenCalled();
    expect(deadline.aborted).toBe(false);
  });
});
