import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Reply = { status?: number; headers?: Record<string, string>; body?: unknown } | 'hang';
export type Handler = (req: RecordedRequest) => Reply | Promise<Reply>;

/** A local stand-in for a third-party API: records every request, answers from the test's handler. */
export class StandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    public handler: Handler,
  ) {}

  static async start(handler: Handler): Promise<StandIn> {
    const ref: { self?: StandIn } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void ref.self!.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    ref.self = new StandIn(server, `http://127.0.0.1:${port}`, handler);
    return ref.self;
  }

  private async answer(req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', this.url);
    const recorded: RecordedRequest = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body,
    };
    this.requests.push(recorded);
    let reply: Reply;
    try {
      reply = await this.handler(recorded);
    } catch (err) {
      reply = { status: 500, body: { error: String(err) } };
    }
    if (reply === 'hang') {
      this.hanging.add(res);
      return;
    }
    const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(payload);
  }

  on(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** Most requests that arrived within any `windowMs` interval. */
export function maxInWindow(requests: RecordedRequest[], windowMs: number): number {
  const times = requests.map((r) => r.at).sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

export interface Contact {
  id: number;
  name: string;
  email: string;
  address: { city: string; zip: string };
  score: string;
  updated_at: string;
}

export function contacts(n: number, from = 1): Contact[] {
  return Array.from({ length: n }, (_, i) => {
    const id = from + i;
    return {
      id,
      name: `Contact ${id}`,
      email: `c${id}@example.test`,
      address: { city: `City ${id % 7}`, zip: String(10000 + id) },
      score: String(id * 1.5),
      updated_at: new Date(Date.UTC(2024, 0, 1, 0, 0, id)).toISOString(),
    };
  });
}
