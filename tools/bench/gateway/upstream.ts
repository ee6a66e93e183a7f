/**
 * The fixed upstream of the benchmark: node:http with keep-alive, one small JSON body for every
 * path. Runs in its own process; prints `READY <port>` once listening.
 */
import { createServer } from 'node:http';

const body = Buffer.from(
  JSON.stringify({ bench: true, id: 'cam_0001', name: 'Entrance camera', counts: [3, 1, 4, 1, 5] }),
);
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
