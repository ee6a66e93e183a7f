// A local paginated API for the connectors benchmark: records are generated on the fly from their
// index, so the server's memory does not grow with the data set. Prints its URL on stdout.
import { createServer } from 'node:http';

const base = Date.UTC(2024, 0, 1);
function record(id) {
  return {
    id,
    name: `Contact ${id}`,
    email: `contact${id}@example.test`,
    address: { city: `City ${id % 97}`, zip: String(10000 + (id % 90000)) },
    score: (id % 1000) / 10,
    active: id % 3 !== 0,
    updated_at: new Date(base + id * 1000).toISOString(),
  };
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const total = Number(url.searchParams.get('total') ?? 200_000);
  const page = Number(url.searchParams.get('page') ?? 1);
  const size = Number(url.searchParams.get('per_page') ?? 1000);
  const from = (page - 1) * size + 1;
  const to = Math.min(total, from + size - 1);
  const data = [];
  for (let id = from; id <= to; id++) data.push(record(id));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ data, total }));
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
