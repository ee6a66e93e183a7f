import {
  Args,
  Context,
  Field,
  Float,
  ID,
  Int,
  ObjectType,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import {
  GraphRpcSubject,
  PorticoError,
  type RequestEvent,
  trafficSubject,
  WEBHOOK_ATTEMPTS_PAGE,
} from '@portico/contracts';
import { MessagingService } from '@portico/platform';
import { callerOf, type GraphContext } from '../common/context';
import { GraphClient } from '../common/graph-client';
import { LiveCounter, type MetricsTick } from './live-counter';
import { WebhookAttempt } from '../webhooks/webhooks.types';
import { PushIterator } from './push-iterator';

@ObjectType({ description: 'One second of requests through the gateway.' })
export class RequestMetricsTick implements MetricsTick {
  @Field({ description: 'When the second ended (ISO-8601).' }) at!: string;
  @Field(() => Int) requests!: number;
  @Field(() => Int, { description: 'Status 400 or above.' }) errors!: number;
  @Field(() => Float) avgLatencyMs!: number;
}

const READERS = new Set(['admin', 'user', 'system', 'auditor', 'consumer']);
const FINAL = new Set(['succeeded', 'failed']);

@ObjectType({ description: 'The state of a connector run, as it changes.' })
export class ConnectorRunUpdate {
  @Field(() => ID) runId!: string;
  @Field({ description: 'queued, running, succeeded or failed.' }) status!: string;
  @Field(() => Int) recordsRead!: number;
  @Field(() => Int) recordsWritten!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
}

interface RunEvent {
  type: string;
  tenantid?: string;
  data?: {
    runId?: string;
    recordsRead?: number;
    recordsWritten?: number;
    durationMs?: number;
    error?: string;
  };
}

/** How often webhookAttempts asks the dispatcher, and how far back each time (late commits). */
const ATTEMPT_POLL_MS = 1000;
const ATTEMPT_OVERLAP_MS = 5000;

const STATUS_OF: Record<string, string> = {
  'connector.run.started': 'running',
  'connector.run.completed': 'succeeded',
  'connector.run.failed': 'failed',
};

/** Live data over graphql-ws, fed from NATS. */
@Resolver()
export class LiveResolver {
  constructor(
    private readonly messaging: MessagingService,
    private readonly client: GraphClient,
  ) {}

  @Subscription(() => WebhookAttempt, {
    description:
      'Each new delivery attempt to an endpoint. The dispatcher publishes no per-attempt event, so the gateway asks it over NATS once a second.',
    resolve: (a: WebhookAttempt) => a,
  })
  async webhookAttempts(
    @Context() ctx: GraphContext,
    @Args('endpoint', { type: () => ID }) endpointId: string,
  ): Promise<AsyncIterableIterator<WebhookAttempt>> {
    const p = callerOf(ctx);
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    // Room for a few full pages: a burst (say, a recovered endpoint) is not cut short.
    const attempts = new PushIterator<WebhookAttempt>(() => {
      closed = true;
      clearTimeout(timer);
    }, 5 * WEBHOOK_ATTEMPTS_PAGE);
    const seen = new Map<string, number>();
    let since = Date.now();
    // After a full page, the next question starts at its last attempt (and comes at once): asking
    // from `since - overlap` again could return the same page for ever.
    let from: number | null = null;
    const poll = async (initial: boolean): Promise<boolean> => {
      const found = await this.client.call(GraphRpcSubject.webhookAttemptsSince, p, {
        endpointId,
        since: new Date(from ?? since - ATTEMPT_OVERLAP_MS).toISOString(),
      });
      for (const a of found) {
        const at = Date.parse(a.timestamp);
        if (seen.has(a.id)) continue;
        seen.set(a.id, at);
        // Attempts from before the subscription started are only remembered.
        if (!initial) attempts.push(a as WebhookAttempt);
      }
      since = Math.max(since, ...found.map((a) => Date.parse(a.timestamp)));
      const last =
        found.length >= WEBHOOK_ATTEMPTS_PAGE ? Date.parse(found.at(-1)!.timestamp) : null;
      // A page that all shares one millisecond cannot be paged past by time: poll as usual.
      const full = last !== null && last !== from;
      from = full ? last : null;
      // Forget ids that fell out of the window asked for.
      const edge = Math.min(from ?? since, since) - 2 * ATTEMPT_OVERLAP_MS;
      for (const [id, at] of seen) if (at < edge) seen.delete(id);
      return full;
    };
    // The first answer checks the endpoint exists for this caller (NOT_FOUND otherwise); older
    // pages are read through before anything counts as new.
    while (await poll(true));
    const loop = () => {
      timer = setTimeout(
        () => {
          poll(false).then(
            () => !closed && loop(),
            () => void attempts.return(),
          );
        },
        from === null ? ATTEMPT_POLL_MS : 0,
      );
    };
    loop();
    return attempts;
  }

  @Subscription(() => ConnectorRunUpdate, {
    description:
      "A run's state now, then each change (from connector.run.* events) until it succeeds or fails.",
    resolve: (u: ConnectorRunUpdate) => u,
  })
  async connectorRun(
    @Context() ctx: GraphContext,
    @Args('id', { type: () => ID, description: 'run_… id.' }) runId: string,
  ): Promise<AsyncIterableIterator<ConnectorRunUpdate>> {
    const p = callerOf(ctx);
    const m = this.messaging.get();
    const sub = m.nc.subscribe(m.namespace.subject('portico.events.connector.run.>'));
    const updates = new PushIterator<ConnectorRunUpdate>(() => sub.unsubscribe());
    let last = { recordsRead: 0, recordsWritten: 0 };
    try {
      // Subscribe first, then read the state: a change in between is seen (maybe twice), never lost.
      await m.nc.flush();
      const run = await this.client.call(GraphRpcSubject.connectorRun, p, { runId });
      last = { recordsRead: run.recordsRead, recordsWritten: run.recordsWritten };
      updates.push({
        runId,
        status: run.status,
        recordsRead: run.recordsRead,
        recordsWritten: run.recordsWritten,
        error: run.error,
        durationMs: run.durationMs,
      });
      if (FINAL.has(run.status)) updates.end();
    } catch (err) {
      await updates.return();
      throw err;
    }
    void (async () => {
      for await (const msg of sub) {
        let e: RunEvent;
        try {
          e = msg.json<RunEvent>();
        } catch {
          continue;
        }
        const status = STATUS_OF[e.type];
        if (!status || e.tenantid !== p.tenantId || e.data?.runId !== runId) continue;
        last = {
          recordsRead: e.data.recordsRead ?? last.recordsRead,
          recordsWritten: e.data.recordsWritten ?? last.recordsWritten,
        };
        updates.push({
          runId,
          status,
          ...last,
          error: e.data.error ?? null,
          durationMs: e.data.durationMs ?? null,
        });
        if (FINAL.has(status)) updates.end();
      }
    })().catch(() => void updates.return());
    return updates;
  }

  @Subscription(() => RequestMetricsTick, {
    description:
      "Live counters of an API's requests, every second, from the gateways' request events " +
      '(a consumer sees its own requests).',
    resolve: (tick: MetricsTick) => tick,
  })
  requestMetrics(
    @Context() ctx: GraphContext,
    @Args('api', { type: () => ID, description: 'api_… id.' }) api: string,
  ): AsyncIterableIterator<MetricsTick> {
    const p = callerOf(ctx);
    if (!READERS.has(p.role)) throw PorticoError.forbidden();
    const m = this.messaging.get();
    const consumerOnly = p.role === 'consumer' ? p.consumerId : null;
    // The gateways publish each tenant's traffic on its own subject: the tenant is the scope.
    const sub = m.nc.subscribe(m.namespace.subject(trafficSubject(p.tenantId)));
    const counter = new LiveCounter(
      (e) => e.apiId === api && (consumerOnly === null || e.consumerId === consumerOnly),
      () => sub.unsubscribe(),
    );
    void (async () => {
      for await (const msg of sub) {
        let batch: { events?: RequestEvent[] };
        try {
          batch = msg.json<{ events?: RequestEvent[] }>();
        } catch {
          continue;
        }
        for (const e of batch.events ?? []) counter.add(e);
      }
    })().catch(() => void counter.return());
    return counter;
  }
}
