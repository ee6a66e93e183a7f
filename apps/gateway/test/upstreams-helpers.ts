import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { silentLogger, type Upstream } from '@portico/contracts';
import { StaticDiscovery, type Discovery } from '@portico/discovery';
import { MetricsService } from '@portico/platform';
import type { UpstreamRequest } from '../src/pipeline/contracts';
import { DEFAULT_UPSTREAMS_CONFIG, type UpstreamsConfig } from '../src/upstreams/config';
import { UpstreamRouterService } from '../src/upstreams/upstream-router.service';

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What a test upstream does with a request: answer, hold it, or break the connection. */
export type Behaviour = (req: Seen, res: http.ServerResponse) => void;

/**
 * A real node:http upstream on 127.0.0.1:0. Answers `name` by default; `behave` changes that at
 * any time; `held` requests wait for release(); kill() closes it and destroys every socket.
 */
export class TestUpstream {
  readonly seen: Seen[] = [];
  behave: Behaviour = (_req, res) => res.end(this.name);
  /** Answers for GET /health (active checks); true = 200. */
  healthy = true;
  private readonly held: http.ServerResponse[] = [];

  private constructor(
    readonly name: string,
    readonly server: http.Server,
    readonly address: string,
  ) {}

  static async start(name: string): Promise<TestUpstream> {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const up = new TestUpstream(name, server, address);
    server.on('request', (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/health') {
          res.statusCode = up.healthy ? 200 : 500;
          return res.end(up.healthy ? 'ok' : 'sick');
        }
        const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
        up.seen.push(seen);
        up.behave(seen, res);
      });
    });
    return up;
  }

  get url(): string {
    return `http://${this.address}`;
  }

  /** Requests other than health checks. */
  get hits(): number {
    return this.seen.length;
  }

  hold(): void {
    this.behave = (_req, res) => {
      this.held.push(res);
    };
  }

  release(): void {
    this.behave = (_req, res) => res.end(this.name);
    for (const res of this.held.splice(0)) res.end(this.name);
  }

  answer(status: number): void {
    this.behave = (_req, res) => {
      res.statusCode = status;
      res.end(`${this.name} ${status}`);
    };
  }

  async kill(): Promise<void> {
    const closed = new Promise((r) => this.server.close(r));
    this.server.closeAllConnections();
    await closed;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    this.release();
    await this.kill();
  }
}

export function makeRouter(
  overrides: Partial<UpstreamsConfig> = {},
  discovery: Discovery = new StaticDiscovery({}),
): { router: UpstreamRouterService; metrics: MetricsService } {
  const metrics = new MetricsService('gateway-test');
  const config = { ...DEFAULT_UPSTREAMS_CONFIG, ...overrides };
  return { router: new UpstreamRouterService(config, discovery, silentLogger, metrics), metrics };
}

export function request(overrides: Partial<UpstreamRequest> = {}): UpstreamRequest {
  return {
    method: 'GET',
    path: '/',
    headers: {},
    body: null,
    timeoutMs: 5_000,
    maxAttempts: 3,
    circuitBreaker: { consecutiveFailures: 100, halfOpenAfterMs: 60_000 },
    ...overrides,
  };
}

export function targets(
  ups: TestUpstream[],
  loadBalancing: Upstream['loadBalancing'] = 'round-robin',
  weights: number[] = [],
): Upstream {
  return {
    targets: ups.map((u, i) => ({ url: u.url, weight: weights[i] ?? 100 })),
    loadBalancing,
  };
}

export async function text(body: Readable): Promise<string> {
  let out = '';
  for await (const chunk of body) out += (chunk as Buffer).toString();
  return out;
}

/** Sends and reads the whole answer: `name` of the instance that answered, or the error code. */
export async function call(
  router: UpstreamRouterService,
  upstream: Upstream,
  req: UpstreamRequest = request(),
): Promise<{ status: number; body: string; instance: string } | { error: string }> {
  try {
    const res = await router.send(upstream, req);
    return { status: res.status, body: await text(res.body), instance: res.instance };
  } catch (err) {
    return { error: (err as { code?: string }).code ?? String(err) };
  }
}

export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}
