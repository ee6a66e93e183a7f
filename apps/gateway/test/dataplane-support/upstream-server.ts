import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface EchoUpstream {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A real node:http upstream: answers JSON describing the request it got (method, url, headers,
 * body). `/big` answers a large compressible body, `/pre-gzipped` one the upstream compressed, `/slow`
 * answers after 1.5 s.
 */
export async function startEchoUpstream(name: string): Promise<EchoUpstream> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(r);
      if (req.url?.endsWith('/big')) {
        const body = JSON.stringify({
          upstream: name,
          items: Array.from({ length: 500 }, (_, i) => ({ i, text: 'lorem ipsum dolor sit amet' })),
        });
        res.writeHead(200, { 'content-type': 'application/json', 'x-upstream-secret': 'hide-me' });
        res.end(body);
        return;
      }
      if (req.url?.endsWith('/slow')) {
        setTimeout(() => {
          if (!res.destroyed) res.end('late');
        }, 1_500).unref();
        return;
      }
      if (req.url?.endsWith('/pre-gzipped')) {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(gzipSync('x'.repeat(5000)));
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-upstream-secret': 'hide-me',
        'x-upstream-name': name,
      });
      res.end(JSON.stringify({ upstream: name, ...r }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
