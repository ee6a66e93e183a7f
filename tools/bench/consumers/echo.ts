// The baseline responder: answers `bench.echo` with its request, over the same Messaging library
// and wire format the credential handler uses. Run as a child process by bench.ts.
import { messaging } from './resolve';

async function main(): Promise<void> {
  const m = await messaging.Messaging.connect({
    url: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    name: 'bench-echo',
    namespace: process.env['PORTICO_NATS_NAMESPACE'] ?? '',
  });
  const handler = m.handle('bench.echo', async (req: unknown) => req);
  await handler.ready;
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void m.drain().then(() => process.exit(0)));
}

void main();
