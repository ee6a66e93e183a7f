import { ErrorCode, PorticoError, type LoggerLike } from '@portico/contracts';
import { Messaging } from './messaging';
import { deferred, NATS_URL, uniqueSuffix } from './test-support/nats';

const suffix = uniqueSuffix();
const subject = (name: string) => `test.${suffix}.${name}`;

function recordingLogger(): LoggerLike & { errors: unknown[][] } {
  const errors: unknown[][] = [];
  const noop = () => undefined;
  return {
    debug: noop,
    info: noop,
    warn: noop,
    error: (...args: unknown[]) => errors.push(args),
    errors,
  };
}

async function rejection(p: Promise<unknown>): Promise<PorticoError> {
  const err = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PorticoError);
  return err as PorticoError;
}

describe('request / handle (real NATS)', () => {
  let server: Messaging;
  let client: Messaging;
  const logger = recordingLogger();

  beforeAll(async () => {
    server = await Messaging.connect({ url: NATS_URL, name: `rpc-server-${suffix}`, logger });
    client = await Messaging.connect({ url: NATS_URL, name: `rpc-client-${suffix}` });
  });

  afterAll(async () => {
    await client.close();
    await server.drain();
  });

  it('round-trips a request, with the subject and headers in the handler context', async () => {
    const h = server.handle<{ name: string }, { greeting: string; ctx: unknown }>(
      subject('greet'),
      async (req, ctx) => ({ greeting: `hello ${req.name}`, ctx }),
    );
    await h.ready;
    const res = await client.request<{
      greeting: string;
      ctx: { subject: string; headers?: Record<string, string> };
    }>(subject('greet'), { name: 'ada' }, { headers: { traceparent: '00-abc-def-01' } });
    await h.stop();
    expect(res.greeting).toBe('hello ada');
    expect(res.ctx.subject).toBe(subject('greet'));
    expect(res.ctx.headers?.['traceparent']).toBe('00-abc-def-01');
  });

  it('re-throws an error reply as a PorticoError with the same code, message and details', async () => {
    const h = server.handle(subject('missing'), async () => {
      throw PorticoError.validation('Bad key.', [{ field: 'key', message: 'unknown' }]);
    });
    await h.ready;
    const err = await rejection(client.request(subject('missing'), {}));
    await h.stop();
    expect(err.code).toBe(ErrorCode.VALIDATION_ERROR);
    expect(err.message).toBe('Bad key.');
    expect(err.details).toEqual([{ field: 'key', message: 'unknown' }]);
  });

  it('turns an unexpected handler error into INTERNAL_ERROR, logged, with nothing leaked', async () => {
    const h = server.handle(subject('boom'), async () => {
      throw new Error('db password=hunter2');
    });
    await h.ready;
    const err = await rejection(client.request(subject('boom'), {}));
    await h.stop();
    expect(err.code).toBe(ErrorCode.INTERNAL_ERROR);
    expect(err.message).not.toContain('hunter2');
    expect(err.stack ?? '').not.toContain('hunter2');
    expect(
      logger.errors.some(
        ([obj]) => (obj as { err?: Error }).err?.message === 'db password=hunter2',
      ),
    ).toBe(true);
  });

  it('answers MALFORMED_REQUEST to a body that is not JSON', async () => {
    const h = server.handle(subject('json'), async () => 'never');
    await h.ready;
    const msg = await client.nc.request(subject('json'), '{not json', { timeout: 2000 });
    await h.stop();
    expect(msg.json()).toMatchObject({ ok: false, error: { code: ErrorCode.MALFORMED_REQUEST } });
  });

  it('fails fast with SERVICE_UNAVAILABLE when nobody answers', async () => {
    const started = Date.now();
    const err = await rejection(client.request(subject('nobody'), {}, { timeoutMs: 5000 }));
    expect(err.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails with UPSTREAM_TIMEOUT when the handler is too slow', async () => {
    const release = deferred();
    const h = server.handle(subject('slow'), async () => {
      await release.promise;
      return 'late';
    });
    await h.ready;
    const err = await rejection(client.request(subject('slow'), {}, { timeoutMs: 200 }));
    release.resolve();
    await h.stop();
    expect(err.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
  });

  it('shares requests between instances through the default queue group', async () => {
    let calls = 0;
    const handler = async () => {
      calls++;
      return 'ok';
    };
    const other = await Messaging.connect({ url: NATS_URL, name: `rpc-other-${suffix}` });
    const a = server.handle(subject('shared'), handler);
    const b = other.handle(subject('shared'), handler);
    await Promise.all([a.ready, b.ready]);
    for (let i = 0; i < 20; i++) await client.request(subject('shared'), { i });
    await a.stop();
    await b.stop();
    await other.close();
    expect(calls).toBe(20);
  });

  it('stop() lets the request in progress finish, then stops answering', async () => {
    const inHandler = deferred();
    const release = deferred();
    const h = server.handle(subject('stopping'), async () => {
      inHandler.resolve();
      await release.promise;
      return 'done';
    });
    await h.ready;
    const pending = client.request<string>(subject('stopping'), {});
    await inHandler.promise;
    const stopped = h.stop();
    release.resolve();
    await stopped;
    await expect(pending).resolves.toBe('done');
    const err = await rejection(client.request(subject('stopping'), {}));
    expect(err.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
  });

  it('fails with SERVICE_UNAVAILABLE once the connection is closed', async () => {
    const x = await Messaging.connect({ url: NATS_URL, name: 'closed-client' });
    await x.close();
    const err = await rejection(x.request(subject('any'), {}));
    expect(err.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
  });
});
