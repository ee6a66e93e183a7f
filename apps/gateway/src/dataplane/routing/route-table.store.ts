import { readFileSync } from 'node:fs';
import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  RouteSnapshotSchema,
  RpcSubject,
  type CloudEvent,
  type RouteSnapshot,
} from '@portico/contracts';
import type { EventSubscription, Messaging } from '@portico/messaging';
import {
  InjectConfig,
  InjectLogger,
  MessagingService,
  MetricsService,
  ReadinessRegistry,
} from '@portico/platform';
import type { Log } from '../logger';
import { parse as parseYaml } from 'yaml';
import { UPSTREAM_ROUTER, type UpstreamRouter } from '../../pipeline/contracts';
import type { DataPlaneConfig } from '../config';
import { MANAGEMENT_UPSTREAMS } from '../proxy/management-routes';
import { RouteTable } from './route-table';

/** Registry events that cannot change what the gateway serves (drafts are not served). */
const NO_TABLE_EFFECT = new Set(['registry.api.created', 'registry.version.created']);

type ReloadReason = 'start' | 'event' | 'gap' | 'file';

/**
 * Holds the current compiled route table. It loads the registry's snapshot over NATS (retrying
 * until the registry answers; readiness says not-ready until then), then follows `registry.*`
 * events: an event that affects the table triggers a snapshot reload (events carry references, not
 * the routes), events are checked for revision gaps, and a gap forces a full reload too. Each
 * reload compiles a new immutable table and swaps the reference, so requests in flight finish on
 * the table they matched. With GATEWAY_ROUTES_FILE the table comes from a file instead.
 */
@Injectable()
export class RouteTableStore implements OnModuleInit, OnApplicationShutdown {
  private table: RouteTable;
  private loaded = false;
  /** Highest revision accounted for (loaded, or announced by an event we have seen). */
  private seen = -1;
  /** Highest revision announced while the first snapshot was loading. */
  private seenBeforeLoad = -1;
  private reloading: Promise<void> | null = null;
  private again: ReloadReason | null = null;
  private stopped = false;
  private subscription: EventSubscription | null = null;
  private readonly reloads;
  private readonly revisionGauge;

  constructor(
    @InjectConfig() private readonly config: DataPlaneConfig,
    @InjectLogger() logger: Log,
    private readonly messaging: MessagingService,
    private readonly readiness: ReadinessRegistry,
    metrics: MetricsService,
    @Optional() @Inject(UPSTREAM_ROUTER) private readonly router?: UpstreamRouter,
  ) {
    this.logger = logger.child({ component: 'route-table' });
    this.table = RouteTable.empty(this.defaults());
    this.reloads = metrics.counter(
      'portico_gateway_route_table_reloads_total',
      'Route table (re)loads, by reason (start, event, gap, file).',
      ['reason'],
    );
    this.revisionGauge = metrics.gauge(
      'portico_gateway_route_table_revision',
      'Registry revision of the route table in use.',
    );
  }

  private readonly logger: Log;

  /** The table to match against; read once per request. */
  current(): RouteTable {
    return this.table;
  }

  get ready(): boolean {
    return this.loaded;
  }

  onModuleInit(): void {
    this.readiness.register('routeTable', async () => {
      if (!this.loaded) throw new Error('no route table loaded yet');
      return { revision: this.table.revision, routes: this.table.routeCount };
    });
    if (this.config.GATEWAY_ROUTES_FILE) {
      this.loadFile(this.config.GATEWAY_ROUTES_FILE);
      return;
    }
    this.messaging.onConnected(async (m) => {
      // Subscribe first: whatever changes while the snapshot loads is then seen as an event.
      this.subscription = m.subscribeEvents('registry.>', (e) => this.onEvent(e));
      await this.subscription.ready;
      void this.loadUntilAnswered(m);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop().catch(() => undefined);
    await this.reloading?.catch(() => undefined);
  }

  private defaults() {
    return {
      timeoutMs: this.config.GATEWAY_UPSTREAM_TIMEOUT_MS,
      bodyLimitBytes: this.config.GATEWAY_BODY_LIMIT_BYTES,
    };
  }

  private loadFile(file: string): void {
    const text = readFileSync(file, 'utf8');
    const raw: unknown = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
    const parsed = RouteSnapshotSchema.safeParse(raw);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new Error(
        `GATEWAY_ROUTES_FILE ${file} is not a valid route snapshot: ${where.join('; ')}`,
      );
    }
    this.install(parsed.data, 'file');
  }

  private async loadUntilAnswered(m: Messaging): Promise<void> {
    let warned = false;
    while (!this.stopped && !this.loaded) {
      try {
        await this.reload('start', m);
        return;
      } catch (err) {
        if (!warned) {
          this.logger.warn(
            { err: err instanceof Error ? err.message : err },
            'registry snapshot unavailable; retrying until it answers',
          );
          warned = true;
        }
        await new Promise((r) => setTimeout(r, this.config.GATEWAY_SNAPSHOT_RETRY_MS).unref());
      }
    }
  }

  private onEvent(e: CloudEvent): void {
    const rev = e.revision;
    if (!this.loaded) {
      // The snapshot being loaded may predate this change: remember it, check after install.
      if (typeof rev === 'number' && rev > this.seenBeforeLoad) this.seenBeforeLoad = rev;
      return;
    }
    if (typeof rev !== 'number') {
      this.schedule('event');
      return;
    }
    if (rev <= this.seen) return;
    const gap = rev > this.seen + 1;
    this.seen = rev;
    if (gap) {
      this.logger.warn(
        { expected: this.table.revision + 1, got: rev },
        'revision gap; full reload',
      );
      this.schedule('gap');
    } else if (!NO_TABLE_EFFECT.has(e.type)) {
      this.schedule('event');
    }
  }

  /** Coalesces reloads: one runs at a time, and one more follows if asked for meanwhile. */
  private schedule(reason: ReloadReason): void {
    if (this.reloading) {
      if (this.again !== 'gap') this.again = reason;
      return;
    }
    const run = async (r: ReloadReason): Promise<void> => {
      try {
        await this.reload(r, this.messaging.get());
      } catch (err) {
        this.logger.error({ err }, 'route table reload failed; keeping the current table');
        // Nothing newer is known to be served: retry soon rather than wait for the next event.
        await new Promise((res) => setTimeout(res, this.config.GATEWAY_SNAPSHOT_RETRY_MS).unref());
        if (!this.stopped) this.again ??= r;
      }
      const next = this.again;
      this.again = null;
      if (next && !this.stopped) await run(next);
    };
    this.reloading = run(reason).finally(() => (this.reloading = null));
  }

  private async reload(reason: ReloadReason, m: Messaging): Promise<void> {
    const raw = await m.request<unknown>(
      RpcSubject.registrySnapshot,
      {},
      { timeoutMs: this.config.GATEWAY_SNAPSHOT_TIMEOUT_MS },
    );
    const snapshot = RouteSnapshotSchema.parse(raw);
    if (this.loaded && snapshot.revision < this.table.revision) return;
    this.install(snapshot, reason);
  }

  private install(snapshot: RouteSnapshot, reason: ReloadReason): void {
    const table = new RouteTable(snapshot, this.defaults());
    this.router?.retain([...table.upstreams, ...MANAGEMENT_UPSTREAMS]);
    this.table = table;
    this.loaded = true;
    // The registry is authoritative: an announced revision it does not have was not real.
    if (snapshot.revision > this.seen || this.again === null) this.seen = snapshot.revision;
    this.reloads.inc({ reason });
    if (reason === 'start' && this.seenBeforeLoad > snapshot.revision) this.schedule('event');
    this.revisionGauge.set(snapshot.revision);
    this.logger.info(
      { revision: snapshot.revision, routes: table.routeCount, reason },
      'route table loaded',
    );
  }
}
