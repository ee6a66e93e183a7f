/**
 * The ecosystem baseline: fast-gateway (one process) proxying `/v1/bench/*` to the upstream, as
 * Portico's route does. Prints `READY <port>` once listening.
 */
import gateway from 'fast-gateway';

const target = process.env['UPSTREAM_URL'];
if (!target) throw new Error('UPSTREAM_URL is required');
const port = Number(process.env['PORT'] ?? 0);
const server = gateway({ routes: [{ prefix: '/v1/bench', target }] });
void server.start(port, '127.0.0.1').then(() => process.stdout.write(`READY ${port}\n`));
process.on('SIGTERM', () => process.exit(0));
