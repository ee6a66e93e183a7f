/**
 * Baseline for the analytics benchmark: the same durable pull consumer and the same parsing and
 * validation of request events as the analytics service, without any database work. Prints the
 * time of its last acknowledgement once it has seen BENCH_EVENTS events, then exits.
 */
import { Streams } from '../../../libs/contracts/src/index';
import { Messaging } from '../../../libs/messaging/src/index';
import { parseTrafficMessages } from '../../../apps/analytics/src/ingest/parse';

async function main(): Promise<void> {
  const expected = Number(process.env['BENCH_EVENTS']);
  const m = await Messaging.connect({
    url: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    name: 'bench-baseline',
    namespace: process.env['PORTICO_NATS_NAMESPACE'] ?? '',
  });
  await m.ensureStreams([Streams.traffic]);
  let seen = 0;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const consumers = [0, 1].map(() =>
    m.consumeDurable({
      stream: Streams.traffic.name,
      durable: 'bench-baseline',
      filterSubjects: ['portico.traffic.>'],
      batchSize: 100,
      maxWaitMs: 1000,
      handler: async (batch) => {
        seen += parseTrafficMessages(batch).events.length;
        // Counted after the lib acks this batch (it acks once the handler resolves).
        if (seen >= expected) setImmediate(finish);
      },
    }),
  );
  process.stdout.write('ready\n');
  await done;
  await new Promise((r) => setTimeout(r, 50));
  process.stdout.write(`done ${Date.now()}\n`);
  await Promise.all(consumers.map((c) => c.stop()));
  await m.close();
}

void main();
