import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCameraApi } from './camera-api';
import { StepError } from './http';
import { startWebhookReceiver } from './receiver';
import { Walkthrough, runWalkthrough } from './walkthrough';

const USAGE = `Usage: node tools/demo/walkthrough.mjs [options]

Runs the walkthrough against a running suite (npm start): registers the sample camera API, publishes
it, onboards a consumer, calls the API through the gateway, deprecates it and shows the headers,
the webhook and the analytics.

  --url <url>             the gateway (default $PORTICO_URL or http://127.0.0.1:8080)
  --api-key <key>         an admin key (default $PORTICO_API_KEY, else .portico/admin-key)
  --camera-port <port>    port of the local camera API (default: a free one)
  --registry-url, --consumers-url, --webhooks-url, --analytics-url <url>
                          call a service directly instead of through the gateway
`;

function adminKey(given: string | undefined): string | undefined {
  const fromEnv =
    given ?? process.env['PORTICO_API_KEY'] ?? process.env['PORTICO_BOOTSTRAP_ADMIN_KEY'];
  if (fromEnv) return fromEnv;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const file = path.join(dir, '.portico', 'admin-key');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    if (path.dirname(dir) === dir) return undefined;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'api-key': { type: 'string' },
      'camera-port': { type: 'string' },
      'registry-url': { type: 'string' },
      'consumers-url': { type: 'string' },
      'webhooks-url': { type: 'string' },
      'analytics-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const key = adminKey(values['api-key']);
  if (!key) {
    process.stderr.write(
      'No admin key: start the suite with `npm start` first, or pass --api-key.\n',
    );
    return 1;
  }
  const gateway = values.url ?? process.env['PORTICO_URL'] ?? 'http://127.0.0.1:8080';
  const camera = await startCameraApi(Number(values['camera-port'] ?? 0));
  const receiver = await startWebhookReceiver();
  out(`camera API listening on ${camera.url}; webhook receiver on ${receiver.url}`);
  const w = new Walkthrough({
    targets: {
      gateway,
      registry: values['registry-url'] ?? gateway,
      consumers: values['consumers-url'] ?? gateway,
      webhooks: values['webhooks-url'] ?? gateway,
      analytics: values['analytics-url'] ?? gateway,
    },
    adminKey: key,
    cameraApiUrl: camera.url,
    receiver,
    log: out,
  });
  try {
    await runWalkthrough(w, out);
    out('Done. The API stays registered; run the walkthrough again to start over.');
    return 0;
  } catch (err) {
    const message = err instanceof StepError ? err.message : (err as Error).stack;
    process.stderr.write(`walkthrough failed: ${message}\n`);
    return 1;
  } finally {
    await w.cleanup();
    await receiver.close();
    await camera.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`walkthrough: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
