/**
 * A reference point, not a product: the least a Node reverse proxy can do per request. node:http
 * in front of one undici Pool, headers passed through (minus hop-by-hop), the body streamed
 * straight into the ServerResponse by `pool.stream` (no Readable in between). No routing, no
 * ids, no policies, no events. Prints `READY <port>` once listening.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { Writable } from 'node:stream';
import { Pool } from 'undici';

const target = process.env['UPSTREAM_URL'];
if (!target) throw new Error('UPSTREAM_URL is required');
const pool = new Pool(target, { connections: 128, pipelining: 1 });
const PREFIX = '/v1/bench';

const HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
  'te',
  'trailer',
]);

function requestHeaders(h: IncomingHttpHeaders): string[] {
  const out: string[] = [];
  for (const k in h) {
    const v = h[k];
    if (v === undefined || HOP.has(k)) continue;
    if (typeof v === 'string') out.push(k, v);
    else for (const x of v) out.push(k, x);
  }
  return out;
}

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  const path = url.startsWith(PREFIX) ? url.slice(PREFIX.length) || '/' : url;
  pool.stream(
    {
      method: req.method as 'GET',
      path,
      headers: requestHeaders(req.headers),
      body: req.method === 'GET' || req.method === 'HEAD' ? null : req,
    },
    ({ statusCode, headers }) => {
      const out: string[] = [];
      for (const k in headers) {
        const v = headers[k];
        if (v === undefined || HOP.has(k)) continue;
        if (typeof v === 'string') out.push(k, v);
        else for (const x of v) out.push(k, x);
      }
      res.writeHead(statusCode, out);
      return res as unknown as Writable;
    },
    (err) => {
      if (!err) return;
      if (res.headersSent) res.destroy();
      else {
        res.writeHead(502);
        res.end();
      }
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
