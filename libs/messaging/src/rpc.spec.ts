import { ErrorCode, PorticoError } from '@portico/contracts';
import {
  decodeReply,
  decodeRequest,
  encodeReply,
  errorReply,
  INTERNAL_ERROR_MESSAGE,
  requestFailure,
} from './rpc';

const bytes = (v: unknown) =>
  new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

function caught(fn: () => unknown): PorticoError {
  try {
    fn();
  } catch (err) {
    return err as PorticoError;
  }
  throw new Error('expected a throw');
}

describe('request-reply wire format', () => {
  it('round-trips data', () => {
    expect(decodeReply('s', bytes(encodeReply({ ok: true, data: { a: 1 } })))).toEqual({ a: 1 });
  });

  it('turns a PorticoError into an error reply with code, message and details', () => {
    const reply = errorReply(
      PorticoError.validation('bad', [{ field: 'name', message: 'required' }]),
    );
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_ERROR',
        message: 'bad',
        details: [{ field: 'name', message: 'required' }],
      },
    });
  });

  it('hides the message of unexpected errors', () => {
    expect(errorReply(new Error('password=hunter2'))).toEqual({
      ok: false,
      error: { code: ErrorCode.INTERNAL_ERROR, message: INTERNAL_ERROR_MESSAGE },
    });
  });

  it('re-throws an error reply as a PorticoError with the same code', () => {
    const err = caught(() =>
      decodeReply(
        's',
        bytes({ ok: false, error: { code: 'NOT_FOUND', message: 'gone', details: ['x'] } }),
      ),
    );
    expect(err).toBeInstanceOf(PorticoError);
    expect(err.code).toBe(ErrorCode.NOT_FOUND);
    expect(err.status).toBe(404);
    expect(err.message).toBe('gone');
    expect(err.details).toEqual([{ message: 'x' }]);
  });

  it('maps an unknown remote code to INTERNAL_ERROR', () => {
    const err = caught(() =>
      decodeReply('s', bytes({ ok: false, error: { code: 'WHAT', message: 'm' } })),
    );
    expect(err.code).toBe(ErrorCode.INTERNAL_ERROR);
  });

  it('rejects malformed replies', () => {
    expect(caught(() => decodeReply('s', bytes('not json'))).code).toBe(ErrorCode.INTERNAL_ERROR);
    expect(caught(() => decodeReply('s', bytes({ hello: 1 }))).code).toBe(ErrorCode.INTERNAL_ERROR);
  });

  it('decodes requests, empty meaning undefined, bad JSON meaning MALFORMED_REQUEST', () => {
    expect(decodeRequest(new Uint8Array())).toBeUndefined();
    expect(decodeRequest(bytes({ q: 1 }))).toEqual({ q: 1 });
    expect(caught(() => decodeRequest(bytes('{'))).code).toBe(ErrorCode.MALFORMED_REQUEST);
  });
});

describe('requestFailure', () => {
  const named = (name: string, cause?: unknown) =>
    Object.assign(new Error(name, { cause }), { name });

  it('maps a timeout to UPSTREAM_TIMEOUT', () => {
    expect(requestFailure('a.b', 100, named('TimeoutError')).code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
  });

  it('maps no responders (as the cause of a RequestError) to SERVICE_UNAVAILABLE', () => {
    const err = requestFailure('a.b', 100, named('RequestError', named('NoRespondersError')));
    expect(err.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(err.message).toContain("No service is answering on 'a.b'");
  });

  it('maps anything else to SERVICE_UNAVAILABLE', () => {
    expect(requestFailure('a.b', 100, named('ClosedConnectionError')).code).toBe(
      ErrorCode.SERVICE_UNAVAILABLE,
    );
  });
});
