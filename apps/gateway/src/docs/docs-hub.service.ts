import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type LoggerLike,
  type OpenApiDocument,
  PorticoError,
  buildPorticoOpenApi,
} from '@portico/contracts';
import {
  InjectConfig,
  InjectLogger,
  MessagingService,
  SERVICE_INFO,
  type ServiceInfo,
} from '@portico/platform';
import type { GatewayConfig } from '../config';
import { type CollectedSources, DocSources, apiMergeSource } from './doc-sources';

interface CacheEntry {
  sources: Promise<CollectedSources>;
  expiresAt: number;
}

/** Documents are built per public URL (servers differ); a bounded number is kept. */
const MAX_DOCUMENTS = 16;
/** How long a document with an unavailable source is served before trying again. */
const INCOMPLETE_TTL_MS = 1_000;

/**
 * The merged OpenAPI document of the platform, rebuilt at most every GATEWAY_DOCS_CACHE_TTL_MS and
 * at once after any registry event (a published, deprecated or changed version).
 */
@Injectable()
export class DocsHubService implements OnModuleInit {
  private cache: CacheEntry | undefined;
  private readonly documents = new Map<string, OpenApiDocument>();
  private generation = 0;

  constructor(
    @InjectConfig() private readonly config: GatewayConfig,
    @InjectLogger() private readonly logger: LoggerLike,
    @Inject(SERVICE_INFO) private readonly service: ServiceInfo,
    private readonly sources: DocSources,
    private readonly messaging: MessagingService,
  ) {}

  onModuleInit(): void {
    this.messaging.onConnected(async (m) => {
      const sub = m.subscribeEvents('registry.>', () => this.invalidate());
      this.messaging.onShutdown(() => sub.stop());
      await sub.ready;
    });
  }

  /** Forgets the cached sources: the next request rebuilds. */
  invalidate(): void {
    this.cache = undefined;
    this.documents.clear();
    this.generation++;
  }

  /** The whole platform: management APIs, published APIs (optionally one version), events. */
  async document(serverUrl: string, version?: string): Promise<OpenApiDocument> {
    const { sources, generation } = await this.current();
    const key = `${serverUrl} ${version ?? ''}`;
    const cached = this.documents.get(key);
    if (cached && generation === this.generation) return cached;
    const apis = sources.apis.filter((a) => !version || a.version === version);
    const { document, collisions } = buildPorticoOpenApi({
      serverUrl,
      version: this.service.version,
      services: sources.services,
      apis: apis.map(apiMergeSource),
    });
    if (collisions.length) this.logger.debug({ collisions }, 'docs hub: merge renamed entries');
    const full = { ...document, 'x-portico-sources': sources.statuses };
    if (generation === this.generation) {
      if (this.documents.size >= MAX_DOCUMENTS) this.documents.clear();
      this.documents.set(key, full);
    }
    return full;
  }

  /** One published API version alone, under its public path. */
  async apiDocument(serverUrl: string, name: string, version: string): Promise<OpenApiDocument> {
    const { sources } = await this.current();
    const api = sources.apis.find((a) => a.name === name && a.version === version);
    if (!api) throw PorticoError.notFound('Published API version', `${name} ${version}`);
    const { document } = buildPorticoOpenApi({
      serverUrl,
      version,
      services: [],
      apis: [apiMergeSource(api)],
    });
    const info = api.document['info'] as { title?: string; description?: string } | undefined;
    return {
      ...document,
      info: {
        title: info?.title ?? name,
        version,
        ...(info?.description ? { description: info.description } : {}),
      },
    };
  }

  private async current(): Promise<{ sources: CollectedSources; generation: number }> {
    const now = Date.now();
    if (!this.cache || this.cache.expiresAt <= now) {
      this.documents.clear();
      this.generation++;
      const entry: CacheEntry = {
        sources: this.sources.collect(),
        expiresAt: now + this.config.GATEWAY_DOCS_CACHE_TTL_MS,
      };
      this.cache = entry;
      // A collection missing a source (NATS still connecting, a service restarting) is kept only
      // briefly: the next request after that tries again.
      entry.sources.then(
        (s) => {
          if (s.statuses.some((x) => x.status !== 'ok')) {
            entry.expiresAt = Math.min(entry.expiresAt, Date.now() + INCOMPLETE_TTL_MS);
          }
        },
        () => {
          if (this.cache === entry) this.cache = undefined;
        },
      );
    }
    const generation = this.generation;
    return { sources: await this.cache.sources, generation };
  }
}
