import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsulClient, ConsulError } from './consul-client';

/** Wire-level checks of the client against a stub that records what it receives. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Reply = (req: Seen, res: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let seen: Seen[];
let reply: Reply;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(s);
      reply(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  seen = [];
  reply = (_s, res) => res.end('');
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const healthBody = [
  {
    Node: { Node: 'n1', Address: '10.0.0.1' },
    Service: { ID: 'web-1', Service: 'web', Address: '', Port: 8080, Tags: null, Meta: null },
    Checks: [{ Status: 'passing' }, { Status: 'passing' }],
  },
  {
    Node: { Node: 'n2', Address: '10.0.0.2' },
    Service: {
      ID: 'web-2',
      Service: 'web',
      Address: 'fd00::2',
      Port: 8081,
      Tags: ['v2'],
      Meta: { zone: 'b' },
    },
    Checks: [{ Status: 'passing' }, { Status: 'warning' }],
  },
];

describe('ConsulClient', () => {
  it('accepts host:port or a URL as the address', () => {
    expect(new ConsulClient({ addr: '127.0.0.1:8500' }).baseUrl).toBe('http://127.0.0.1:8500');
    expect(new ConsulClient({ addr: 'https://consul.internal/' }).baseUrl).toBe(
      'https://consul.internal',
    );
    expect(() => new ConsulClient({ addr: 'unix:///tmp/consul.sock' })).toThrow(
      /Unsupported Consul address/,
    );
  });

  it('registers with PUT and the JSON body, sending the ACL token', async () => {
    const client = new ConsulClient({ addr: base, token: 's3cret' });
    const def = {
      ID: 'a-1',
      Name: 'a',
      Address: '10.0.0.1',
      Port: 1,
      Check: { HTTP: 'http://x/health/ready', Interval: '10s' },
    };
    await client.register(def);
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/v1/agent/service/register' });
    expect(seen[0].headers['x-consul-token']).toBe('s3cret');
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0].body)).toEqual(def);
  });

  it('deregisters by ID and treats an unknown ID as done', async () => {
    const client = new ConsulClient({ addr: base });
    reply = (_s, res) => res.writeHead(404).end('Unknown service ID "a/1"');
    await client.deregister('a/1');
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/v1/agent/service/deregister/a%2F1' });
    expect(seen[0].headers['x-consul-token']).toBeUndefined();
  });

  it('turns other error statuses into ConsulError with the status and the body', async () => {
    const client = new ConsulClient({ addr: base });
    reply = (_s, res) => res.writeHead(403).end('Permission denied');
    const err = await client.deregister('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsulError);
    expect(err).toMatchObject({ consulStatus: 403, code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect((err as Error).message).toContain('Permission denied');
  });

  it('queries health with passing, index and wait, and maps entries to instances', async () => {
    const client = new ConsulClient({ addr: base });
    reply = (_s, res) =>
      res.writeHead(200, { 'X-Consul-Index': '42' }).end(JSON.stringify(healthBody));
    const { instances, index } = await client.healthService('web', {
      passing: true,
      index: 41,
      waitSeconds: 3,
    });
    expect(index).toBe(42);
    const url = new URL(seen[0].url, 'http://x');
    expect(url.pathname).toBe('/v1/health/service/web');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      passing: 'true',
      index: '41',
      wait: '3s',
    });
    expect(instances).toEqual([
      {
        id: 'web-1',
        service: 'web',
        address: '10.0.0.1',
        port: 8080,
        url: 'http://10.0.0.1:8080',
        tags: [],
        meta: {},
        healthy: true,
      },
      {
        id: 'web-2',
        service: 'web',
        address: 'fd00::2',
        port: 8081,
        url: 'http://[fd00::2]:8081',
        tags: ['v2'],
        meta: { zone: 'b' },
        healthy: false,
      },
    ]);
  });

  it('sends no index on a first (non-blocking) query and reports 0 for a missing index header', async () => {
    const client = new ConsulClient({ addr: base });
    reply = (_s, res) => res.end('[]');
    expect(await client.healthService('web', { index: 0 })).toEqual({ instances: [], index: 0 });
    expect(seen[0].url).toBe('/v1/health/service/web');
  });

  it('gives a blocking query wait + wait/16 + timeout before giving up, a plain request only the timeout', async () => {
    const client = new ConsulClient({ addr: base, timeoutMs: 100 });
    reply = (_s, res) => {
      const t = setTimeout(() => res.writeHead(200, { 'X-Consul-Index': '2' }).end('[]'), 600);
      res.on('close', () => clearTimeout(t));
    };
    await expect(client.healthService('web', { index: 1, waitSeconds: 1 })).resolves.toMatchObject({
      index: 2,
    });
    const started = Date.now();
    const err = await client.agentSelf().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsulError);
    expect((err as Error).message).toMatch(/did not answer GET \/v1\/agent\/self within 100ms/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("passes a caller's abort through as an abort, not a Consul failure", async () => {
    const client = new ConsulClient({ addr: base });
    reply = () => undefined; // never answers
    const ctrl = new AbortController();
    const p = client.healthService('web', { index: 5, waitSeconds: 30, signal: ctrl.signal });
    await new Promise<void>((r) =>
      seen.length ? r() : server.once('request', () => setImmediate(r)),
    );
    ctrl.abort();
    const err = await p.catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ConsulError);
    expect((err as Error).name).toBe('AbortError');
  });

  it('reports an unreachable agent as ConsulError naming the address', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await new ConsulClient({ addr: `127.0.0.1:${port}` })
      .leader()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsulError);
    expect((err as Error).message).toContain(`Consul at http://127.0.0.1:${port} is unreachable`);
    expect((err as Error).message).toContain('ECONNREFUSED');
    expect((err as ConsulError).consulStatus).toBeUndefined();
  });

  it('reads agent/self, catalog/services and status/leader', async () => {
    const client = new ConsulClient({ addr: base });
    const bodies: Record<string, unknown> = {
      '/v1/agent/self': { Config: { Datacenter: 'dc1', NodeName: 'n1' } },
      '/v1/catalog/services': { consul: [], web: ['v1'] },
      '/v1/status/leader': '10.0.0.1:8300',
    };
    reply = (s, res) => res.end(JSON.stringify(bodies[s.url]));
    expect((await client.agentSelf()).Config.Datacenter).toBe('dc1');
    expect(await client.catalogServices()).toEqual({ consul: [], web: ['v1'] });
    expect(await client.leader()).toBe('10.0.0.1:8300');
  });

  it('reports a garbled answer as ConsulError', async () => {
    reply = (_s, res) => res.end('<html>proxy error</html>');
    await expect(new ConsulClient({ addr: base }).catalogServices()).rejects.toThrow(
      /invalid JSON/,
    );
  });
});
