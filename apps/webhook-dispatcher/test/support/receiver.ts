import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Responder = (req: Received) => {
  status: number;
  headers?: Record<string, string>;
  body?: string;
};

/** A local HTTP receiver that records every request and answers what the test says. */
export class Receiver {
  readonly received: Received[] = [];
  private responder: Responder = () => ({ status: 204 });

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<Receiver> {
    const state: { self?: Receiver } = {};
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r: Received = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        state.self!.received.push(r);
        const out = state.self!.responder(r);
        res.writeHead(out.status, out.headers ?? {});
        res.end(out.body ?? '');
      });
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    state.self = new Receiver(server, `http://127.0.0.1:${port}`);
    return state.self;
  }

  respond(fn: Responder): void {
    this.responder = fn;
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
