import pino from 'pino';
import { ErrorCode } from '@portico/contracts';
import { isDatabaseOverload, toErrorResponse } from './errors';

const logger = pino({ level: 'silent' });

describe('toErrorResponse', () => {
  it('answers 503 with Retry-After when the database pool has no connection in time', () => {
    const poolTimeout = new Error('timeout exceeded when trying to connect');
    const prismaTx = Object.assign(new Error('Unable to start a transaction in the given time.'), {
      code: 'P2028',
    });
    for (const err of [poolTimeout, prismaTx]) {
      const res = toErrorResponse(err, 'req_1', logger);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
      expect(res.headers['retry-after']).toBe('1');
    }
  });

  it('keeps other errors internal (500) without leaking their message', () => {
    const res = toErrorResponse(new Error('relation "x" does not exist'), 'req_2', logger);
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe(ErrorCode.INTERNAL_ERROR);
    expect(res.body.error.message).not.toContain('relation');
  });

  it('does not treat a unique violation as overload', () => {
    expect(isDatabaseOverload(Object.assign(new Error('Unique'), { code: 'P2002' }))).toBe(false);
  });
});
