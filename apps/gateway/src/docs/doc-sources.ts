import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  type JsonObject,
  type LoggerLike,
  type MergeSource,
  type PorticoServiceDoc,
  type RouteSnapshot,
  type SnapshotApi,
  type SnapshotVersion,
  RpcSubject,
  joinPaths,
  upgradeSchemas30,
} from '@portico/contracts';
import type { Discovery } from '@portico/discovery';
import { InjectConfig, InjectDiscovery, InjectLogger, MessagingService } from '@portico/platform';

import type { GatewayConfig } from '../config';

/** One published API version as the hub documents it. */
export interface ApiVersionDoc {
  name: string;
  version: string;
  status: SnapshotVersion['status'];
  /** Where it lives on the gateway: `/{version}{basePath}`. */
  publicPath: string;
  /** Its operations (paths relative to publicPath) and components. */
  document: JsonObject;
  /** `openapi`: the document imported into the registry; `routes`: built from the route table. */
  origin: 'openapi' | 'routes';
}

/** What a source contributed, reported in the document (`x-portico-sources`) to explain gaps. */
export interface SourceStatus {
  source: string;
  status: 'ok' | 'unavailable';
  error?: string;
}

export interface CollectedSources {
  services: PorticoServiceDoc[];
  apis: ApiVersionDoc[];
  statuses: SourceStatus[];
}

/** Documented from this process rather than through discovery. */
const GATEWAY = 'gateway';
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/**
 * Gathers what the docs hub merges: each service's /docs-json (through discovery) and the
 * published API versions (the registry's route table over NATS, and, with a registry key, each
 * version's imported OpenAPI document).
 */
@Injectable()
export class DocSources {
  constructor(
    @InjectConfig() private readonly config: GatewayConfig,
    @InjectDiscovery() private readonly discovery: Discovery,
    @InjectLogger() private readonly logger: LoggerLike,
    private readonly messaging: MessagingService,
    private readonly http: HttpAdapterHost,
  ) {}

  async collect(): Promise<CollectedSources> {
    const statuses: SourceStatus[] = [];
    const services = (
      await Promise.all(
        this.config.GATEWAY_DOCS_SERVICES.map(async (name) => {
          try {
            const document =
              name === GATEWAY
                ? await this.ownDocument()
                : await this.fetchJson(name, '/docs-json');
            statuses.push({ source: name, status: 'ok' });
            return { name, document };
          } catch (err) {
            statuses.push({ source: name, status: 'unavailable', error: message(err) });
            return undefined;
          }
        }),
      )
    ).filter((s): s is PorticoServiceDoc => s !== undefined);
    // Discovery answers in any order; the document lists services in configured order.
    const order = this.config.GATEWAY_DOCS_SERVICES;
    services.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    statuses.sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));

    let apis: ApiVersionDoc[] = [];
    try {
      apis = await this.publishedApis();
      statuses.push({ source: 'registry route table', status: 'ok' });
    } catch (err) {
      statuses.push({ source: 'registry route table', status: 'unavailable', error: message(err) });
    }
    const failed = statuses.filter((s) => s.status !== 'ok');
    if (failed.length) this.logger.warn({ failed }, 'docs hub: some sources are unavailable');
    return { services, apis, statuses };
  }

  private async publishedApis(): Promise<ApiVersionDoc[]> {
    const snapshot = await this.messaging
      .get()
      .request<RouteSnapshot>(RpcSubject.registrySnapshot, {}, { timeoutMs: 5_000 });
    const out: ApiVersionDoc[] = [];
    for (const api of snapshot.apis) {
      if (api.tenantId !== this.config.GATEWAY_DOCS_TENANT_ID) continue;
      for (const v of api.versions) {
        if (v.status === 'retired') continue;
        out.push(await this.versionDoc(api, v));
      }
    }
    return out.sort((a, b) => `${a.name} ${a.version}`.localeCompare(`${b.name} ${b.version}`));
  }

  private async versionDoc(api: SnapshotApi, v: SnapshotVersion): Promise<ApiVersionDoc> {
    const base = {
      name: api.name,
      version: v.version,
      status: v.status,
      publicPath: joinPaths(`/${v.version}`, v.basePath),
    };
    const key = this.config.GATEWAY_DOCS_REGISTRY_API_KEY;
    if (key) {
      try {
        const doc = await this.fetchJson(
          'registry',
          `/api/v1/apis/${encodeURIComponent(api.apiId)}/versions/${encodeURIComponent(v.versionId)}/openapi`,
          { 'x-api-key': key },
        );
        const upgraded = String(doc['openapi'] ?? '').startsWith('3.0')
          ? (upgradeSchemas30(doc) as JsonObject)
          : doc;
        return { ...base, document: upgraded, origin: 'openapi' };
      } catch (err) {
        // Versions created without an import have no stored document: document their routes.
        this.logger.debug(
          { api: api.name, version: v.version, err: message(err) },
          'no stored OpenAPI',
        );
      }
    }
    return { ...base, document: documentFromRoutes(api.name, v), origin: 'routes' };
  }

  /** The gateway's own API, asked of its own HTTP server in-process (no socket). */
  private async ownDocument(): Promise<JsonObject> {
    const fastify = this.http.httpAdapter.getInstance<{
      inject(opts: { method: 'GET'; url: string }): Promise<{ statusCode: number; body: string }>;
    }>();
    const res = await fastify.inject({ method: 'GET', url: '/docs-json' });
    if (res.statusCode !== 200)
      throw new Error(`gateway answered ${res.statusCode} for /docs-json`);
    return JSON.parse(res.body) as JsonObject;
  }

  private async fetchJson(
    service: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<JsonObject> {
    const instances = await this.discovery.resolve(service);
    const instance = instances.find((i) => i.healthy) ?? instances[0];
    if (!instance) throw new Error(`no instance of ${service} is known to discovery`);
    const res = await fetch(`${instance.url}${path}`, {
      headers: { accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(this.config.GATEWAY_DOCS_FETCH_TIMEOUT_MS),
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new Error(`${service} answered ${res.status} for ${path}`);
    }
    const body = (await res.json()) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new Error(`${service} answered something other than a JSON object for ${path}`);
    }
    return body as JsonObject;
  }
}

/** A minimal document of a version that was configured by hand: its routes and path parameters. */
export function documentFromRoutes(name: string, v: SnapshotVersion): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of v.routes) {
    const item = (paths[route.path] ??= {});
    const params = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const methods = route.method === 'ANY' ? HTTP_METHODS : [route.method.toLowerCase()];
    for (const method of methods) {
      item[method] = {
        ...(route.operationId ? { operationId: route.operationId } : {}),
        summary: `${route.method} ${route.path}`,
        ...(params.length ? { parameters: params } : {}),
        responses: { default: { description: 'The upstream service answer, passed through.' } },
      };
    }
  }
  return { openapi: '3.1.0', info: { title: name, version: v.version }, paths };
}

/** A hub source for one API version, placed under its public path. */
export function apiMergeSource(api: ApiVersionDoc): MergeSource {
  const info = api.document['info'] as { title?: string; description?: string } | undefined;
  return {
    name: `${api.name}-${api.version}`,
    tag: `${api.name} ${api.version}`,
    tagDescription: [info?.title, api.status === 'deprecated' ? '(deprecated)' : undefined]
      .filter(Boolean)
      .join(' '),
    document: api.document,
    pathPrefix: api.publicPath,
    deprecated: api.status === 'deprecated',
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
