import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  ConsulApiError,
  ConsulCatalog,
  type ConsulCheckStatus,
  type ServiceDefinition,
} from './consul-catalog';
import { parseGoDuration } from './duration';

export type { ConsulCheckStatus } from './consul-catalog';

export interface ConsulDoubleOptions {
  /** When set, every request must carry this ACL token (X-Consul-Token, Bearer or ?token=). */
  token?: string;
  datacenter?: string;
  nodeName?: string;
}

export interface ConsulDoubleService {
  id: string;
  name: string;
  address: string;
  port: number;
  tags: string[];
  meta: Record<string, string>;
  /** Worst status of the service's checks ('passing' when it has none). */
  status: ConsulCheckStatus;
  checks: Array<{ id: string; status: ConsulCheckStatus; output: string; http?: string }>;
}

export interface ConsulDoubleRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

const DEFAULT_WAIT_MS = 5 * 60_000;
const MAX_WAIT_MS = 10 * 60_000;

/**
 * A double of the Consul agent HTTP API endpoints Portico uses, on a real HTTP server:
 * service register/deregister, /v1/health/service with `passing` and real blocking queries
 * (`index` + `wait`, X-Consul-Index), /v1/catalog/services, /v1/agent/services, /v1/agent/self and
 * /v1/status/leader. Registered HTTP checks actually run.
 *
 * Known differences from Consul, on purpose: check intervals below Consul's 1s minimum are honoured
 * and DeregisterCriticalServiceAfter has no 1 minute floor (both keep tests fast); there is one node.
 */
export class ConsulDouble {
  private readonly sockets = new Set<Socket>();
  private readonly log: ConsulDoubleRequest[] = [];
  private readonly held = new Set<ConsulDoubleRequest>();
  private stopped = false;

  private constructor(
    private readonly server: http.Server,
    private readonly catalog: ConsulCatalog,
    private readonly opts: ConsulDoubleOptions,
    readonly addr: string,
  ) {}

  static async start(opts: ConsulDoubleOptions = {}): Promise<ConsulDouble> {
    const catalog = new ConsulCatalog({
      id: randomUUID(),
      name: opts.nodeName ?? 'consul-double',
      address: '127.0.0.1',
      datacenter: opts.datacenter ?? 'dc1',
    });
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const double = new ConsulDouble(server, catalog, opts, `http://127.0.0.1:${port}`);
    server.on('connection', (socket) => {
      double.sockets.add(socket);
      socket.once('close', () => double.sockets.delete(socket));
    });
    server.on('request', (req, res) => {
      double.handle(req, res).catch((err: unknown) => {
        const status = err instanceof ConsulApiError ? err.status : 500;
        if (!res.headersSent) text(res, status, err instanceof Error ? err.message : String(err));
      });
    });
    return double;
  }

  /** Stops checks, answers nothing more and closes every connection, blocked queries included. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.catalog.close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Forces every check of the service to `status` and holds it there until releaseCheck(). */
  setCheckStatus(serviceId: string, status: ConsulCheckStatus): void {
    this.catalog.force(serviceId, status);
  }

  /** Lets the service's real checks drive its status again. */
  releaseCheck(serviceId: string): void {
    this.catalog.force(serviceId, undefined);
  }

  services(): ConsulDoubleService[] {
    return this.catalog.snapshot();
  }

  /** The current index (it rises with every change). */
  get index(): number {
    return this.catalog.currentIndex;
  }

  /** Every request received so far, oldest first. */
  requests(): ConsulDoubleRequest[] {
    return [...this.log];
  }

  /** Blocking queries being held right now (waiting for a change or for their wait to run out). */
  blockedQueries(): ConsulDoubleRequest[] {
    return [...this.held];
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://consul');
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const entry = { method, path: url.pathname, query };
    this.log.push(entry);
    this.authorise(req, url);

    const route = (m: string, re: RegExp): string[] | undefined => {
      const match = re.exec(url.pathname);
      if (!match) return undefined;
      if (method !== m) throw new ConsulApiError(405, `method ${method} not allowed`);
      return match.slice(1).map(decodeURIComponent);
    };
    let p: string[] | undefined;

    if (route('PUT', /^\/v1\/agent\/service\/register$/)) {
      this.catalog.register(await readJson<ServiceDefinition>(req));
      return text(res, 200, '');
    }
    if ((p = route('PUT', /^\/v1\/agent\/service\/deregister\/(.+)$/))) {
      this.catalog.deregister(p[0]);
      return text(res, 200, '');
    }
    if ((p = route('GET', /^\/v1\/health\/service\/(.+)$/))) {
      const name = p[0];
      const passing = parseBoolParam(url, 'passing');
      const tags = url.searchParams.getAll('tag');
      await this.block(req, url, entry, () => this.catalog.healthIndex(name));
      return json(
        res,
        this.catalog.healthEntries(name, { passing, tags }),
        this.catalog.healthIndex(name),
      );
    }
    if (route('GET', /^\/v1\/catalog\/services$/)) {
      await this.block(req, url, entry, () => this.catalog.catalogServicesIndex());
      return json(res, this.catalog.catalogServices(), this.catalog.catalogServicesIndex());
    }
    if (route('GET', /^\/v1\/agent\/services$/)) {
      return json(res, this.catalog.agentServices());
    }
    if (route('GET', /^\/v1\/agent\/self$/)) {
      return json(res, this.agentSelf());
    }
    if (route('GET', /^\/v1\/status\/leader$/)) {
      return json(res, '127.0.0.1:8300');
    }
    text(res, 404, '404 page not found');
  }

  /**
   * Consul's blocking query: with `index` > 0, hold the request until the resource's index moves
   * past it or `wait` (plus up to wait/16 of jitter, as Consul adds) runs out. A stale index, or
   * none, answers at once.
   */
  private async block(
    req: http.IncomingMessage,
    url: URL,
    entry: ConsulDoubleRequest,
    current: () => number,
  ): Promise<void> {
    const rawIndex = url.searchParams.get('index');
    const minIndex = rawIndex === null ? 0 : Number(rawIndex);
    if (!Number.isInteger(minIndex) || minIndex < 0) throw new ConsulApiError(400, 'Invalid index');
    const rawWait = url.searchParams.get('wait');
    const parsedWait = rawWait === null ? DEFAULT_WAIT_MS : parseGoDuration(rawWait);
    if (parsedWait === undefined) throw new ConsulApiError(400, `Invalid wait time: ${rawWait}`);
    if (minIndex === 0 || current() > minIndex) return;

    const waitMs = Math.min(parsedWait, MAX_WAIT_MS);
    this.held.add(entry);
    await new Promise<void>((resolve) => {
      const finish = () => {
        this.held.delete(entry);
        clearTimeout(timer);
        unsubscribe();
        req.socket.off('close', finish);
        resolve();
      };
      const timer = setTimeout(finish, waitMs + Math.random() * (waitMs / 16));
      const unsubscribe = this.catalog.onChange(() => {
        if (this.stopped || current() > minIndex) finish();
      });
      req.socket.once('close', finish);
    });
  }

  private authorise(req: http.IncomingMessage, url: URL): void {
    if (!this.opts.token) return;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const given =
      header(req, 'x-consul-token') ?? bearer ?? url.searchParams.get('token') ?? undefined;
    if (given === undefined)
      throw new ConsulApiError(403, 'Permission denied: anonymous token lacks permission');
    if (given !== this.opts.token) throw new ConsulApiError(403, 'ACL not found');
  }

  private agentSelf() {
    const { node } = this.catalog;
    return {
      Config: {
        Datacenter: node.datacenter,
        PrimaryDatacenter: node.datacenter,
        NodeName: node.name,
        NodeID: node.id,
        Revision: 'double',
        Server: true,
        Version: '1.20.0',
        BuildDate: '2024-01-01T00:00:00Z',
      },
      DebugConfig: {},
      Coord: null,
      Member: {
        Name: node.name,
        Addr: node.address,
        Port: 8301,
        Tags: { dc: node.datacenter, role: 'consul' },
        Status: 1,
      },
      Stats: {},
      Meta: { 'consul-network-segment': '' },
    };
  }
}

function parseBoolParam(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  if (v === null) return false;
  if (v === '' || /^(1|t|true)$/i.test(v)) return true;
  if (/^(0|f|false)$/i.test(v)) return false;
  throw new ConsulApiError(400, `Invalid value for ?${name}`);
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

async function readJson<T>(req: http.IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    return (raw ? JSON.parse(raw) : {}) as T;
  } catch {
    throw new ConsulApiError(400, 'Request decode failed: invalid JSON');
  }
}

function json(res: http.ServerResponse, body: unknown, index?: number): void {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (index !== undefined) {
    Object.assign(headers, {
      'X-Consul-Index': String(index),
      'X-Consul-Knownleader': 'true',
      'X-Consul-Lastcontact': '0',
      'X-Consul-Effective-Consistency': 'leader',
    });
  }
  res.writeHead(200, headers).end(JSON.stringify(body));
}

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body);
}
