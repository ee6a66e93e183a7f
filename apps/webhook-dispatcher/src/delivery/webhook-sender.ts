import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { newId } from '@portico/contracts';
import { EgressGuard } from '@portico/egress';
import { request, type Dispatcher } from 'undici';
import { Clock } from '../common/clock';
import { SecretBox } from '@portico/platform';
import { webhookSignature } from '../common/signing';
import { parseRetryAfter } from '../common/retry-schedule';
import type { AttemptRecord, DeliveryJob } from './delivery.types';

/** What we keep of a response body in the attempt log. */
export const RESPONSE_BODY_LIMIT = 20 * 1024;
const USER_AGENT = 'Portico-Webhooks/1.0';
const SECRET_CACHE_SIZE = 10_000;

/**
 * One HTTP attempt per call, per Standard Webhooks: the message id as `webhook-id` on every attempt,
 * the send time as `webhook-timestamp`, and a signature per live secret. Redirects are never
 * followed (a 3xx is a failure); every connection goes through the SSRF guard's dispatcher, which
 * checks the resolved address at connect time.
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  private readonly agent: Dispatcher;
  /** Decrypted secrets by ciphertext: decrypting per attempt costs more than the HMAC. */
  private readonly plain = new Map<string, string>();

  constructor(
    @Inject(EgressGuard) guard: EgressGuard,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
  ) {
    this.agent = guard.dispatcher({ connectTimeoutMs: 10_000 });
  }

  async send(job: DeliveryJob): Promise<AttemptRecord> {
    const now = this.clock.now();
    const body = `{"type":${JSON.stringify(job.eventType)},"timestamp":${JSON.stringify(
      job.occurredAt.toISOString(),
    )},"data":${job.payload}}`;
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers: Record<string, string> = {
      ...job.headers,
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': job.messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': webhookSignature(
        job.messageId,
        timestamp,
        body,
        this.liveSecrets(job, now),
      ),
    };
    const timeoutMs = job.timeoutSeconds * 1000;
    const started = performance.now();
    const base = { id: newId('atm'), url: job.url, at: now };
    try {
      const res = await request(job.url, {
        method: job.httpMethod as Dispatcher.HttpMethod,
        headers,
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const responseBody = await readCapped(res.body, RESPONSE_BODY_LIMIT);
      const responseHeaders = flattenHeaders(res.headers);
      const succeeded = res.statusCode >= 200 && res.statusCode < 300;
      return {
        ...base,
        succeeded,
        responseStatus: res.statusCode,
        responseHeaders,
        responseBody,
        error: succeeded ? null : describeStatus(res.statusCode),
        durationMs: Math.round(performance.now() - started),
        retryAfterSeconds: parseRetryAfter(responseHeaders['retry-after'], now),
      };
    } catch (err) {
      return {
        ...base,
        succeeded: false,
        responseStatus: null,
        responseHeaders: null,
        responseBody: null,
        error: describeError(err, timeoutMs),
        durationMs: Math.round(performance.now() - started),
        retryAfterSeconds: null,
      };
    }
  }

  /** The current secret, and during a rotation's overlap window the previous one too. */
  private liveSecrets(job: DeliveryJob, now: Date): string[] {
    const secrets = [this.open(job.secretEncrypted, job.endpointId)];
    if (job.previousSecretEncrypted && job.previousSecretUntil && job.previousSecretUntil > now) {
      secrets.push(this.open(job.previousSecretEncrypted, job.endpointId));
    }
    return secrets;
  }

  private open(sealed: string, endpointId: string): string {
    const key = `${endpointId} ${sealed}`;
    let secret = this.plain.get(key);
    if (secret === undefined) {
      if (this.plain.size >= SECRET_CACHE_SIZE) this.plain.clear();
      secret = this.secrets.open(sealed, endpointId);
      this.plain.set(key, secret);
    }
    return secret;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function describeStatus(status: number): string {
  if (status >= 300 && status < 400) return `HTTP ${status}: redirects are not followed`;
  return `HTTP ${status}`;
}

function describeError(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: unknown; code?: string };
  if (
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    e?.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    e?.code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return `timed out after ${timeoutMs} ms`;
  }
  const cause = e?.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e?.message ?? String(err)}${cause}`.slice(0, 2000);
}
