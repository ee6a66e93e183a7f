import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPorticoClient, PorticoApiError, retryAfterMs } from '../src';

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

/** A real HTTP server answering from a script, recording what it received. */
async function scriptedServer(script: Answer[]) {
  const received: Array<{
    method: string;
    url: string;
    body: string;
    headers: IncomingMessage['headers'];
  }> = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
      const a = script[Math.min(received.length - 1, script.length - 1)]!;
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(JSON.stringify(a.body ?? { status: 'success', data: { n: received.length } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const busy = (retryAfter?: string): Answer => ({
  status: 503,
  headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  body: { status: 'error', error: { code: 'SERVICE_UNAVAILABLE', message: 'busy', details: [] } },
});
const limited = (retryAfter: string): Answer => ({
  status: 429,
  headers: { 'retry-after': retryAfter },
  body: { status: 'error', error: { code: 'RATE_LIMITED', message: 'slow down', details: [] } },
});

describe('SDK retries', () => {
  it('retries an idempotent GET on 503 and returns the eventual success', async () => {
    const s = await scriptedServer([busy('0'), busy(), { status: 200 }]);
    try {
      const portico = createPorticoClient({ baseUrl: s.url, apiKey: 'k', retryBaseDelayMs: 1 });
      const data = await portico.unwrap<{ n: number }>(portico.api.GET('/api/v1/apis'));
      expect(data).toEqual({ n: 3 });
      expect(s.received.map((r) => r.headers['x-api-key'])).toEqual(['k', 'k', 'k']);
    } finally {
      await s.close();
    }
  });

  it('does not retry a POST on 503 (it may have been processed)', async () => {
    const s = await scriptedServer([busy('0'), { status: 201 }]);
    try {
      const portico = createPorticoClient({
        baseUrl: s.url,
        bearerToken: 't',
        retryBaseDelayMs: 1,
      });
      const err = await portico
        .unwrap(portico.api.POST('/api/v1/apis', { body: { name: 'a', title: 'A' } }))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PorticoApiError);
      expect(err).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(s.received).toHaveLength(1);
      expect(s.received[0]!.headers['authorization']).toBe('Bearer t');
    } finally {
      await s.close();
    }
  });

  it('retries a POST on 429 after Retry-After, sending the same body again', async () => {
    const s = await scriptedServer([limited('0'), { status: 201 }]);
    try {
      const portico = createPorticoClient({ baseUrl: s.url, apiKey: 'k' });
      await portico.unwrap(portico.api.POST('/api/v1/apis', { body: { name: 'a', title: 'A' } }));
      expect(s.received).toHaveLength(2);
      expect(JSON.parse(s.received[1]!.body)).toEqual({ name: 'a', title: 'A' });
      expect(s.received[1]!.body).toBe(s.received[0]!.body);
    } finally {
      await s.close();
    }
  });

  it('gives up at once when Retry-After asks for longer than the client waits', async () => {
    const s = await scriptedServer([limited('3600'), { status: 200 }]);
    try {
      const portico = createPorticoClient({ baseUrl: s.url, apiKey: 'k', maxRetryDelayMs: 1000 });
      const err = await portico.unwrap(portico.api.GET('/api/v1/apis')).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(s.received).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('stops after the configured number of retries', async () => {
    const s = await scriptedServer([busy('0')]);
    try {
      const portico = createPorticoClient({ baseUrl: s.url, apiKey: 'k', retries: 3 });
      const err = await portico.unwrap(portico.api.GET('/api/v1/apis')).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 503 });
      expect(s.received).toHaveLength(4);
    } finally {
      await s.close();
    }
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('refuses two credentials at once', () => {
    expect(() =>
      createPorticoClient({ baseUrl: 'http://x', apiKey: 'a', bearerToken: 'b' }),
    ).toThrow(/apiKey or bearerToken/);
  });
});
