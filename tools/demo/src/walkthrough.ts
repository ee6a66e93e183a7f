import { readFileSync } from 'node:fs';
import path from 'node:path';
import { http, manage, poll, StepError } from './http';
import type { ReceivedWebhook, WebhookReceiver } from './receiver';

/**
 * The walkthrough, one method per step, over the public HTTP APIs only. `npm start` serves every
 * management API through the gateway, so one address is enough; each service can also be given its
 * own address (the end-to-end test uses that to check the services and the gateway separately).
 */
export interface WalkthroughTargets {
  /** Where published APIs are called. */
  gateway: string;
  registry: string;
  consumers: string;
  webhooks: string;
  analytics: string;
}

export interface WalkthroughOptions {
  targets: WalkthroughTargets;
  adminKey: string;
  /** The sample upstream the API's version points at. */
  cameraApiUrl: string;
  receiver: WebhookReceiver;
  log: (line: string) => void;
  openapiFile?: string;
  apiName?: string;
  /** The consumer's email (unique per tenant; default: one per run). */
  email?: string;
  /** Longest wait for anything asynchronous (config reaching the gateway, webhook, analytics). */
  timeoutMs?: number;
}

export interface GatewayCall {
  path: string;
  status: number;
  headers: Headers;
  body: unknown;
}

export const DEFAULT_OPENAPI_FILE = path.resolve(__dirname, '..', 'camera-api.openapi.yaml');
const BASE_PATH = '/counting';
const VERSION = 'v1';

export class Walkthrough {
  readonly apiName: string;
  readonly email: string;
  apiId = '';
  consumerId = '';
  apiKey = '';
  endpointId = '';
  sunsetAt = '';
  /** Every call made with the consumer's key, in order. */
  readonly calls: GatewayCall[] = [];
  webhook: ReceivedWebhook | undefined;
  private readonly timeoutMs: number;
  private readonly t: WalkthroughTargets;
  private readonly admin: { key: string };

  constructor(private readonly o: WalkthroughOptions) {
    this.t = o.targets;
    this.admin = { key: o.adminKey };
    this.apiName = o.apiName ?? 'camera-counting';
    this.email = o.email ?? `walkthrough+${Date.now().toString(36)}@example.com`;
    this.timeoutMs = o.timeoutMs ?? 30_000;
  }

  /** The public path of a route of v1 on the gateway: /{version}{basePath}{path}. */
  publicPath(route: string): string {
    return `/${VERSION}${BASE_PATH}${route}`;
  }

  private get versionPath(): string {
    return `/api/v1/apis/${this.apiName}/versions/${VERSION}`;
  }

  /** A previous run leaves its API behind; retire and delete it so this run starts clean. */
  async removePreviousRun(): Promise<boolean> {
    const existing = await http<{
      data?: { versions: Array<{ version: string; status: string }> };
    }>(this.t.registry, 'GET', `/api/v1/apis/${this.apiName}`, this.admin);
    if (existing.status === 404) return false;
    for (const v of existing.body.data?.versions ?? []) {
      const p = `/api/v1/apis/${this.apiName}/versions/${v.version}`;
      if (v.status === 'published') {
        const sunsetAt = new Date(Date.now() + 60_000).toISOString();
        await manage(this.t.registry, 'POST', `${p}/deprecate`, {
          ...this.admin,
          json: { sunsetAt },
        });
      }
      if (v.status === 'published' || v.status === 'deprecated') {
        await manage(this.t.registry, 'POST', `${p}/retire`, this.admin);
      }
    }
    await manage(this.t.registry, 'DELETE', `/api/v1/apis/${this.apiName}`, this.admin);
    this.o.log(`removed the API '${this.apiName}' left by a previous run`);
    return true;
  }

  async registerApi(): Promise<string> {
    await this.removePreviousRun();
    const file = this.o.openapiFile ?? DEFAULT_OPENAPI_FILE;
    const query = new URLSearchParams({
      name: this.apiName,
      version: VERSION,
      basePath: BASE_PATH,
    });
    const result = await manage<{ apiId: string; routes: { total: number } }>(
      this.t.registry,
      'POST',
      `/api/v1/apis/import?${query}`,
      { ...this.admin, raw: readFileSync(file, 'utf8'), contentType: 'application/yaml' },
    );
    this.apiId = result.apiId;
    return `registered '${this.apiName}' ${VERSION} from ${path.basename(file)}: ${result.routes.total} routes (${result.apiId})`;
  }

  async setUpstream(): Promise<string> {
    await manage(this.t.registry, 'PATCH', this.versionPath, {
      ...this.admin,
      json: { upstream: { targets: [{ url: this.o.cameraApiUrl }] } },
    });
    return `set the upstream of ${VERSION} to the local camera API at ${this.o.cameraApiUrl}`;
  }

  async publish(): Promise<string> {
    const v = await manage<{ status: string }>(
      this.t.registry,
      'POST',
      `${this.versionPath}/publish`,
      this.admin,
    );
    return `published ${VERSION} (status ${v.status}): served at ${this.t.gateway}${this.publicPath(
      '/cameras',
    )}, docs at ${this.t.gateway}/api/v1/docs/apis/${this.apiName}/${VERSION}?format=html`;
  }

  async signUp(): Promise<string> {
    const res = await manage<{ consumer: { id: string; status: string } }>(
      this.t.consumers,
      'POST',
      '/api/v1/signup',
      { json: { tenant: 'default', name: 'Walkthrough developer', email: this.email } },
    );
    this.consumerId = res.consumer.id;
    return `signed up ${this.email} through self-service: consumer ${this.consumerId} is ${res.consumer.status}`;
  }

  async approve(): Promise<string> {
    const c = await manage<{ status: string }>(
      this.t.consumers,
      'POST',
      `/api/v1/consumers/${this.consumerId}/approve`,
      { ...this.admin, json: {} },
    );
    return `approved consumer ${this.consumerId} (status ${c.status})`;
  }

  async createKey(): Promise<string> {
    const key = await manage<{ key: string; masked: string }>(
      this.t.consumers,
      'POST',
      `/api/v1/consumers/${this.consumerId}/keys`,
      { ...this.admin, json: { name: 'walkthrough' } },
    );
    this.apiKey = key.key;
    return `created an API key for the consumer: ${key.masked} (the full key is shown only once)`;
  }

  private async callWithKey(route: string): Promise<GatewayCall> {
    const p = this.publicPath(route);
    const res = await http(this.t.gateway, 'GET', p, { key: this.apiKey });
    const call = { path: p, status: res.status, headers: res.headers, body: res.body };
    this.calls.push(call);
    return call;
  }

  async callApi(): Promise<string> {
    // The gateway learns about the publication by event; until then the route is unknown (404).
    const probe = this.publicPath('/cameras');
    await poll(
      `${probe} to be routed by the gateway`,
      async () => (await http(this.t.gateway, 'GET', probe)).status !== 404,
      this.timeoutMs,
    );
    const cameras = await this.callWithKey('/cameras');
    if (cameras.status !== 200) {
      throw new StepError(
        `GET ${cameras.path} answered ${cameras.status}: ${JSON.stringify(cameras.body)}`,
      );
    }
    const results = await this.callWithKey('/counting-results?cameraId=cam-001');
    if (results.status !== 200) {
      throw new StepError(
        `GET ${results.path} answered ${results.status}: ${JSON.stringify(results.body)}`,
      );
    }
    const n = (cameras.body as { total?: number }).total;
    const m = (results.body as { total?: number }).total;
    return `called the API through the gateway with the key: GET ${cameras.path} → 200 (${n} cameras), GET ${results.path} → 200 (${m} counting results)`;
  }

  async subscribeWebhook(): Promise<string> {
    const endpoint = await manage<{ id: string; secret: string }>(
      this.t.webhooks,
      'POST',
      '/api/v1/webhooks/endpoints',
      {
        ...this.admin,
        json: {
          url: this.o.receiver.url,
          description: 'Portico walkthrough receiver',
          eventTypes: ['registry.version.deprecated'],
          payloadFilter: { name: this.apiName },
        },
      },
    ).catch((err: unknown) => {
      // The dispatcher's SSRF guard refuses private addresses such as this local receiver's.
      if (err instanceof StepError && / answered 400/.test(err.message)) {
        throw new StepError(
          `${err.message}\n  The webhook dispatcher refuses 127.0.0.1 unless allowed: start the suite with PORTICO_EGRESS_ALLOW_SUBNETS=127.0.0.0/8 (e.g. in .env) and run the walkthrough again.`,
        );
      }
      throw err;
    });
    this.endpointId = endpoint.id;
    this.o.receiver.setSecret(endpoint.secret);
    return `subscribed the local receiver ${this.o.receiver.url} to registry.version.deprecated (endpoint ${endpoint.id}; it verifies the signature with the endpoint's secret)`;
  }

  async deprecate(): Promise<string> {
    // Whole seconds: the Sunset header (an HTTP date) has no milliseconds.
    const sunset = new Date(Math.ceil((Date.now() + 30 * 86_400_000) / 1000) * 1000);
    const v = await manage<{ status: string; sunsetAt: string }>(
      this.t.registry,
      'POST',
      `${this.versionPath}/deprecate`,
      { ...this.admin, json: { sunsetAt: sunset.toISOString() } },
    );
    this.sunsetAt = new Date(v.sunsetAt).toISOString();
    return `deprecated ${VERSION} (status ${v.status}, sunset ${this.sunsetAt})`;
  }

  async callDeprecated(): Promise<string> {
    const call = await poll(
      'the gateway to mark v1 deprecated',
      async () => {
        const c = await this.callWithKey('/cameras');
        return c.status === 200 && c.headers.has('deprecation') ? c : undefined;
      },
      this.timeoutMs,
      250,
    );
    const link = call.headers.get('link');
    return `called again: GET ${call.path} → ${call.status}, Deprecation: ${call.headers.get(
      'deprecation',
    )}, Sunset: ${call.headers.get('sunset')}${link ? `, Link: ${link}` : ''}`;
  }

  async waitForWebhook(): Promise<string> {
    const hook = await poll(
      'the registry.version.deprecated webhook',
      async () =>
        this.o.receiver.received.find(
          (r) => r.type === 'registry.version.deprecated' && r.data['name'] === this.apiName,
        ),
      this.timeoutMs,
    );
    this.webhook = hook;
    if (!hook.verified) throw new StepError(`webhook ${hook.id} arrived with an invalid signature`);
    return `received webhook ${hook.id}: ${hook.type} for ${String(hook.data['name'])} ${String(
      hook.data['version'],
    )} (sunset ${String(hook.data['sunsetAt'])}), signature verified`;
  }

  /** Requests the gateway attributed to the consumer: every call with the key that got past auth. */
  get attributedCalls(): number {
    return this.calls.filter((c) => c.status !== 401 && c.status !== 403).length;
  }

  async analytics(): Promise<string> {
    const expected = this.attributedCalls;
    const usagePath = `/api/v1/analytics/usage?consumer=${encodeURIComponent(this.consumerId)}`;
    // Request events reach analytics asynchronously (gateway buffer → NATS → ingestion).
    const usage = await poll(
      `analytics to count ${expected} requests of the consumer`,
      async () => {
        const rows = await manage<UsageRow[]>(this.t.analytics, 'GET', usagePath, this.admin);
        const row = rows.find((r) => r.consumerId === this.consumerId);
        return row && row.requests >= expected ? row : undefined;
      },
      this.timeoutMs,
      500,
    );
    this.usage = usage;
    const report = await http<{ data?: ApiReport }>(
      this.t.analytics,
      'GET',
      `/api/v1/analytics/apis/${this.apiId}?timeRange=1h`,
      this.admin,
    );
    const api = report.status === 200 ? report.body.data : undefined;
    const routes = api
      ? `; the API by route (all callers): ${api.routes
          .map((r) => `${r.method} ${r.pathTemplate ?? '?'} ×${r.calls} (p95 ${r.p95} ms)`)
          .join(', ')}`
      : '';
    return `analytics for ${usage.period}: the consumer made ${usage.requests} requests (${usage.successful} successful, ${usage.failed} failed, ${usage.bytesOut} bytes out)${routes}`;
  }

  usage: UsageRow | undefined;

  /** Removes the webhook endpoint (the receiver goes away with this process). */
  async cleanup(): Promise<void> {
    if (this.endpointId) {
      await manage(
        this.t.webhooks,
        'DELETE',
        `/api/v1/webhooks/endpoints/${this.endpointId}`,
        this.admin,
      ).catch(() => undefined);
    }
  }
}

/** A row of `GET /api/v1/analytics/usage` (exact counts per consumer and billing period). */
export interface UsageRow {
  consumerId: string;
  period: string;
  requests: number;
  successful: number;
  failed: number;
  bytesOut: number;
}

interface ApiReport {
  routes: Array<{ method: string; pathTemplate: string | null; calls: number; p95: number }>;
}

/** The steps in order, as the script runs them and the end-to-end test asserts them. */
export const STEPS = [
  'registerApi',
  'setUpstream',
  'publish',
  'signUp',
  'approve',
  'createKey',
  'callApi',
  'subscribeWebhook',
  'deprecate',
  'callDeprecated',
  'waitForWebhook',
  'analytics',
] as const satisfies ReadonlyArray<keyof Walkthrough>;

export type StepName = (typeof STEPS)[number];

/** Runs the steps in order, logging one numbered line each; stops at the first failure. */
export async function runWalkthrough(w: Walkthrough, log: (line: string) => void): Promise<void> {
  for (const [i, step] of STEPS.entries()) {
    const line = await w[step]();
    log(`${String(i + 1).padStart(2)}/${STEPS.length} ${line}`);
  }
}
