import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook as the receiver got it, after checking its signature. */
export interface ReceivedWebhook {
  id: string;
  timestamp: number;
  /** Whether one of the `webhook-signature` entries verified with the endpoint's secret. */
  verified: boolean;
  type: string;
  data: Record<string, unknown>;
  body: string;
}

/** Signed messages older or newer than this are refused (replay protection, as Standard Webhooks). */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Standard Webhooks verification: HMAC-SHA256 over `id.timestamp.body`, keyed with the bytes after
 * `whsec_`, compared in constant time against every `v1,<base64>` entry (a rotation sends two).
 */
export function verifySignature(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${headers.id}.${headers.timestamp}.${body}`)
    .digest();
  return headers.signature.split(' ').some((entry) => {
    const [version, sig] = entry.split(',', 2);
    if (version !== 'v1' || !sig) return false;
    const given = Buffer.from(sig, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The signing secret to verify with (known once the endpoint is created). */
  setSecret(secret: string): void;
  close(): Promise<void>;
}

/** A local HTTP receiver on 127.0.0.1 that records every delivery and checks its signature. */
export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let secret = '';
  const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = header(req.headers['webhook-id']);
      const timestamp = header(req.headers['webhook-timestamp']);
      const verified =
        secret !== '' &&
        verifySignature(
          secret,
          { id, timestamp, signature: header(req.headers['webhook-signature']) },
          body,
        );
      let parsed: { type?: string; data?: Record<string, unknown> } = {};
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        parsed = {};
      }
      received.push({
        id,
        timestamp: Number(timestamp),
        verified,
        type: parsed.type ?? '',
        data: parsed.data ?? {},
        body,
      });
      // A receiver answers 2xx only for messages it trusts; the dispatcher retries the others.
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    received,
    setSecret(s) {
      secret = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
