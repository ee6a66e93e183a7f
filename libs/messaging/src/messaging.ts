import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import {
  connect,
  headers as natsHeaders,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';
import {
  ErrorCode,
  eventSubject,
  PorticoError,
  silentLogger,
  Streams,
  type CloudEvent,
  type LoggerLike,
} from '@portico/contracts';
import { natsServerOptions, redactNatsUrl } from './connection';
import { DurableConsumer, type ConsumeDurableOptions } from './durable-consumer';
import {
  OrderedEventSubscription,
  type EventSubscription,
  type SubscribeEventsOptions,
} from './event-subscription';
import { decodeReply, decodeRequest, encodeReply, errorReply, requestFailure } from './rpc';
import { SubjectNamespace } from './namespace';
import { ensureStream, type StreamDef } from './streams';
import { errorMessage, headersToRecord } from './util';

export type MessagingStatus = 'connected' | 'reconnecting' | 'closed';

export interface MessagingConnectOptions {
  /** `nats://host:4222`, optionally with `user:pass@` or `token@`, comma-separated for a cluster. */
  url: string;
  /** Connection name shown by the server (the app name). */
  name: string;
  logger?: LoggerLike;
  /** Reconnect attempts before giving up; default -1 (forever: a service waits for NATS to return). */
  maxReconnectAttempts?: number;
  /** Prefix of every subject and stream (see SubjectNamespace); default none. */
  namespace?: string;
}

export interface RequestOptions {
  /** Default 5000. */
  timeoutMs?: number;
  /** Sent as NATS headers (e.g. traceparent, x-request-id); handlers see them in ctx.headers. */
  headers?: Record<string, string>;
}

export interface HandlerContext {
  subject: string;
  headers?: Record<string, string>;
}

export interface Stoppable {
  stop(): Promise<void>;
}

export interface RequestHandler extends Stoppable {
  /** Resolves once the server has registered the subscription (requests sent later reach it). */
  readonly ready: Promise<void>;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
const DEFAULT_PUBLISH_TIMEOUT_MS = 5000;

/**
 * One NATS connection per service with the few patterns Portico uses: JetStream publishing with
 * dedupe ids, request-reply with our error codes, ordered subscriptions for caches and durable
 * batch consumers. Framework-free; the platform lib wires it into Nest.
 */
export class Messaging {
  private state: MessagingStatus = 'connected';
  private readonly js: JetStreamClient;
  private jsmPromise: Promise<JetStreamManager> | null = null;
  /** Live RPC handlers and consumers, stopped in order by drain(). */
  private readonly handlers = new Set<Stoppable>();
  private readonly consumers = new Set<Stoppable>();

  private constructor(
    readonly nc: NatsConnection,
    private readonly logger: LoggerLike,
    readonly namespace: SubjectNamespace,
  ) {
    this.js = jetstream(nc);
    void this.watchStatus();
    void nc.closed().then((err) => {
      this.state = 'closed';
      if (err) logger.error({ err }, 'NATS connection closed with an error');
    });
  }

  static async connect(opts: MessagingConnectOptions): Promise<Messaging> {
    const logger = opts.logger ?? silentLogger;
    const namespace = new SubjectNamespace(opts.namespace ?? '');
    try {
      const nc = await connect({
        ...natsServerOptions(opts.url),
        name: opts.name,
        maxReconnectAttempts: opts.maxReconnectAttempts ?? -1,
      });
      logger.info({ server: nc.getServer(), version: nc.info?.version }, 'connected to NATS');
      return new Messaging(nc, logger, namespace);
    } catch (err) {
      const where = redactNatsUrl(opts.url);
      throw new Error(`Could not connect to NATS at ${where}: ${errorMessage(err)}`, {
        cause: err,
      });
    }
  }

  /** For health checks: tracked from the connection's status events. */
  status(): MessagingStatus {
    return this.nc.isClosed() ? 'closed' : this.state;
  }

  /** Idempotent create-or-update of the streams this service needs (default: both Portico streams). */
  async ensureStreams(
    defs: readonly StreamDef[] = [Streams.events, Streams.traffic],
  ): Promise<void> {
    const jsm = await this.jsm();
    for (const def of defs) {
      const namespaced: StreamDef = {
        ...def,
        name: this.namespace.stream(def.name),
        subjects: def.subjects.map((s) => this.namespace.subject(s)),
      };
      await ensureStream(jsm, namespaced, this.logger);
    }
  }

  /** Publishes a domain event to `portico.events.<type>`, deduplicated by its id; awaits the PubAck. */
  async publishEvent(event: CloudEvent): Promise<void> {
    await this.publishJson(eventSubject(event.type), event, { msgId: event.id });
  }

  /**
   * JetStream publish of a JSON document. `duplicate` is true when a message with the same msgId
   * was already stored within the stream's duplicate window (nothing new was stored).
   */
  async publishJson(
    subject: string,
    data: unknown,
    opts: { msgId?: string; timeoutMs?: number } = {},
  ): Promise<{ seq: number; duplicate: boolean }> {
    const options: { msgID?: string; timeout: number } = {
      timeout: opts.timeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS,
    };
    if (opts.msgId !== undefined) options.msgID = opts.msgId;
    const payload = JSON.stringify(data); // outside the try: a bad document is the caller's bug
    try {
      const ack = await this.js.publish(this.namespace.subject(subject), payload, options);
      return { seq: ack.seq, duplicate: ack.duplicate };
    } catch (err) {
      throw new PorticoError(
        ErrorCode.SERVICE_UNAVAILABLE,
        `Publishing to '${subject}' failed: ${errorMessage(err)}`,
        [],
        { cause: err },
      );
    }
  }

  /** Core NATS request-reply; answers are RpcReply, failures PorticoErrors with our codes. */
  async request<T>(subject: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    const timeout = opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let msg: Msg;
    try {
      msg = await this.nc.request(this.namespace.subject(subject), payload, {
        timeout,
        headers: toNatsHeaders(opts.headers),
      });
    } catch (err) {
      throw requestFailure(subject, timeout, err);
    }
    return decodeReply<T>(subject, msg.data);
  }

  /**
   * Answers requests on a subject. Instances of a service share the work through a queue group
   * (default: the subject), so each request is handled once.
   */
  handle<Req, Res>(
    subject: string,
    handler: (req: Req, ctx: HandlerContext) => Promise<Res>,
    opts: { queue?: string } = {},
  ): RequestHandler {
    const inFlight = new Set<Promise<void>>();
    const sub: Subscription = this.nc.subscribe(this.namespace.subject(subject), {
      queue: opts.queue ?? subject,
      callback: (err, msg) => {
        if (err) {
          this.logger.error({ err, subject }, 'request subscription failed');
          return;
        }
        const p = this.answer(msg, handler).finally(() => inFlight.delete(p));
        inFlight.add(p);
      },
    });
    const stoppable: RequestHandler = {
      // A flush round-trips to the server, which processes our SUB before answering it.
      ready: this.nc.flush().catch(() => undefined),
      stop: async () => {
        this.handlers.delete(stoppable);
        if (!sub.isClosed() && !this.nc.isClosed()) await sub.drain().catch(() => undefined);
        await Promise.allSettled([...inFlight]);
      },
    };
    this.handlers.add(stoppable);
    return stoppable;
  }

  /** Non-durable, ordered delivery of events whose type matches `filter` (e.g. 'registry.>'). */
  subscribeEvents(
    filter: string,
    handler: (event: CloudEvent) => Promise<void> | void,
    opts: SubscribeEventsOptions = {},
  ): EventSubscription {
    const sub = new OrderedEventSubscription(
      this.js,
      filter,
      handler,
      opts,
      this.logger,
      () => this.nc.isClosed(),
      this.namespace,
    );
    this.consumers.add(sub);
    return {
      ready: sub.ready,
      stop: () => {
        this.consumers.delete(sub);
        return sub.stop();
      },
    };
  }

  /** A durable pull consumer handing batches to `handler`; see DurableConsumer. */
  consumeDurable(opts: ConsumeDurableOptions): Stoppable {
    const consumer = new DurableConsumer(
      {
        js: this.js,
        jsm: () => this.jsm(),
        logger: this.logger,
        isClosed: () => this.nc.isClosed(),
        serverVersion: () => this.nc.info?.version,
      },
      {
        ...opts,
        stream: this.namespace.stream(opts.stream),
        filterSubjects: opts.filterSubjects.map((s) => this.namespace.subject(s)),
      },
      this.namespace,
    );
    this.consumers.add(consumer);
    return {
      stop: () => {
        this.consumers.delete(consumer);
        return consumer.stop();
      },
    };
  }

  /** Graceful shutdown: stop answering, finish in-flight work, drain and close the connection. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.handlers].map((h) => h.stop()));
    await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    if (this.nc.isClosed()) return;
    try {
      await this.nc.drain();
    } catch (err) {
      // Draining an already draining or closing connection: closing is what we want anyway.
      if (!this.nc.isClosed()) await this.nc.close();
      this.logger.debug({ err }, 'drain fell back to close');
    }
  }

  /** Immediate close; work in progress loses its connection (unacked messages are redelivered). */
  async close(): Promise<void> {
    // Not awaited: a stuck handler must not hold up an abrupt close.
    for (const c of this.consumers) void c.stop().catch(() => undefined);
    this.consumers.clear();
    this.handlers.clear();
    if (!this.nc.isClosed()) await this.nc.close();
  }

  private async answer<Req, Res>(
    msg: Msg,
    handler: (req: Req, ctx: HandlerContext) => Promise<Res>,
  ): Promise<void> {
    let reply: string;
    try {
      const req = decodeRequest(msg.data) as Req;
      const ctx: HandlerContext = { subject: this.namespace.strip(msg.subject) };
      if (msg.headers) ctx.headers = headersToRecord(msg.headers);
      const data = await handler(req, ctx);
      reply = encodeReply({ ok: true, data });
    } catch (err) {
      const r = errorReply(err);
      if (!r.ok && r.error.code === ErrorCode.INTERNAL_ERROR) {
        this.logger.error({ err, subject: msg.subject }, 'request handler failed');
      }
      reply = encodeReply(r);
    }
    if (!msg.reply) return;
    try {
      msg.respond(reply);
    } catch (err) {
      this.logger.warn({ err, subject: msg.subject }, 'could not send a reply');
    }
  }

  private jsm(): Promise<JetStreamManager> {
    this.jsmPromise ??= jetstreamManager(this.nc).catch((err: unknown) => {
      this.jsmPromise = null;
      throw err;
    });
    return this.jsmPromise;
  }

  private async watchStatus(): Promise<void> {
    for await (const s of this.nc.status()) {
      switch (s.type) {
        case 'disconnect':
          this.state = 'reconnecting';
          this.logger.warn({ server: s.server }, 'NATS connection lost; reconnecting');
          break;
        case 'reconnecting':
          this.state = 'reconnecting';
          break;
        case 'reconnect':
          this.state = 'connected';
          this.logger.info({ server: s.server }, 'reconnected to NATS');
          break;
        case 'close':
          this.state = 'closed';
          break;
        case 'error':
          this.logger.error({ err: s.error }, 'NATS error');
          break;
        case 'slowConsumer':
          this.logger.warn(
            { subject: s.sub.getSubject(), pending: s.pending },
            'slow NATS consumer',
          );
          break;
        default:
          break;
      }
    }
  }
}

function toNatsHeaders(h: Record<string, string> | undefined): MsgHdrs | undefined {
  if (!h || Object.keys(h).length === 0) return undefined;
  const out = natsHeaders();
  for (const [k, v] of Object.entries(h)) out.set(k, v);
  return out;
}
