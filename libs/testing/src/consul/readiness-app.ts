import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for an app: GET /health/ready answers with whatever status the test sets. */
export interface ReadinessApp {
  readonly address: string;
  readonly port: number;
  readonly url: string;
  /** How many readiness probes it has answered. */
  readonly probes: number;
  setStatus(status: number): void;
  close(): Promise<void>;
}

export async function startReadinessApp(
  status = 200,
  opts: { host?: string; advertise?: string } = {},
): Promise<ReadinessApp> {
  let current = status;
  let probes = 0;
  const server = http.createServer((req, res) => {
    if (req.url === '/health/ready') {
      probes++;
      res
        .writeHead(current, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ status: current }));
    } else {
      res.writeHead(404).end();
    }
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const address = opts.advertise ?? (host === '0.0.0.0' ? '127.0.0.1' : host);
  return {
    address,
    port,
    url: `http://${address}:${port}`,
    get probes() {
      return probes;
    },
    setStatus: (s) => {
      current = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
