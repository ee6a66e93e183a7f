import { SubjectNamespace } from './namespace';
import {
  AckPolicy,
  DeliverPolicy,
  type Consumer,
  type ConsumerConfig,
  type ConsumerInfo,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { LoggerLike } from '@portico/contracts';
import { isNotFound } from './streams';
import { backoffDelay, errorMessage, headersToRecord, Wakeup } from './util';

export interface DurableMessage {
  subject: string;
  data: Uint8Array;
  json<T>(): T;
  /** Stream sequence. */
  seq: number;
  redelivered: boolean;
  deliveryCount: number;
  headers: Record<string, string>;
}

export interface ConsumeDurableOptions {
  stream: string;
  durable: string;
  filterSubjects: string[];
  /** Most messages handed to one handler call (default 100). */
  batchSize?: number;
  /**
   * How long a fetch waits when nothing is pending (default 5000; JetStream's minimum is 1000).
   * A batch never waits to fill: it holds what is pending now, up to batchSize.
   */
  maxWaitMs?: number;
  /** Unacknowledged messages are redelivered after this long (default 30000). */
  ackWaitMs?: number;
  /** Deliveries before JetStream gives a message up (default unlimited: losing events matters). */
  maxDeliver?: number;
  /** First redelivery delay after a failed batch; doubles per delivery up to a minute (default 1000). */
  nakDelayMs?: number;
  handler: (batch: DurableMessage[]) => Promise<void>;
}

export interface DurableConsumerDeps {
  js: JetStreamClient;
  jsm: () => Promise<JetStreamManager>;
  logger: LoggerLike;
  /** Whether the connection is gone for good (closed, not reconnecting). */
  isClosed: () => boolean;
  /** NATS server version, to refuse features an old server would silently ignore. */
  serverVersion: () => string | undefined;
}

const MAX_NAK_DELAY_MS = 60_000;
const MIN_FETCH_EXPIRES_MS = 1000;

/**
 * A pull consumer loop: fetch up to a batch, hand it to the handler, ack every message once the
 * handler resolves, nak all of them with a growing delay when it throws. Errors from NATS
 * (disconnects, a deleted consumer) end the round; the loop backs off and carries on, re-creating
 * the durable if needed, so it survives reconnects and server restarts.
 */
export class DurableConsumer {
  private readonly log: LoggerLike;
  private stopping = false;
  private readonly wake = new Wakeup();
  private current: ConsumerMessages | null = null;
  /** Cached between rounds (getting it costs a consumer-info request); dropped on any error. */
  private consumer: Consumer | null = null;
  /** Size of the next fetch: what the server said is pending, so the fetch returns at once. */
  private nextFetch: number | null = null;
  private readonly done: Promise<void>;
  private readonly batchSize: number;
  private readonly maxWaitMs: number;
  private readonly ackWaitMs: number;

  constructor(
    private readonly deps: DurableConsumerDeps,
    private readonly opts: ConsumeDurableOptions,
    private readonly namespace: SubjectNamespace = new SubjectNamespace(),
  ) {
    if (opts.filterSubjects.length === 0) throw new Error('consumeDurable needs a filter subject.');
    if (opts.filterSubjects.length > 1 && !atLeast(deps.serverVersion(), 2, 10)) {
      // A 2.9 server ignores filter_subjects and would deliver the whole stream.
      throw new Error('Several filter subjects need NATS server 2.10 or later; use a wildcard.');
    }
    this.log = deps.logger;
    this.batchSize = opts.batchSize ?? 100;
    this.maxWaitMs = Math.max(opts.maxWaitMs ?? 5000, MIN_FETCH_EXPIRES_MS);
    this.ackWaitMs = opts.ackWaitMs ?? 30_000;
    this.done = this.run();
  }

  /** Stops fetching and resolves once the batch in progress has been handled and acked. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.fire();
    await this.current?.close().catch(() => undefined);
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let ensured = false;
    while (!this.stopping && !this.deps.isClosed()) {
      try {
        if (!ensured) {
          await this.ensureConsumer();
          ensured = true;
        }
        await this.round();
        failures = 0;
      } catch (err) {
        this.consumer = null;
        this.nextFetch = null;
        if (this.stopping || this.deps.isClosed()) break;
        failures++;
        if (isNotFound(err) || errorMessage(err).includes('consumer deleted')) ensured = false;
        const delay = backoffDelay(failures, 250, 10_000);
        this.log.warn(
          { err, stream: this.opts.stream, durable: this.opts.durable, retryInMs: delay },
          'durable consumer round failed; retrying',
        );
        await this.wake.wait(delay);
      }
    }
  }

  private async round(): Promise<void> {
    this.consumer ??= await this.deps.js.consumers.get(this.opts.stream, this.opts.durable);
    const consumer = this.consumer;
    if (this.stopping) return;
    // A JetStream fetch returns when the batch is full or at expiry. Asking for exactly what is
    // pending (or one message when idle) hands work over without waiting for a batch to fill.
    this.nextFetch ??= this.fetchSize((await consumer.info(true)).num_pending);
    const messages = await consumer.fetch({
      max_messages: this.nextFetch,
      expires: this.maxWaitMs,
    });
    this.current = messages;
    const batch: JsMsg[] = [];
    let fetchError: unknown = null;
    try {
      for await (const m of messages) batch.push(m);
    } catch (err) {
      // Messages already received are still ours to handle; the error ends the round afterwards.
      fetchError = err;
    } finally {
      this.current = null;
    }
    this.nextFetch = this.fetchSize(batch.at(-1)?.info.pending ?? 0);
    if (batch.length > 0) await this.handle(batch);
    if (fetchError !== null && !this.stopping) throw fetchError;
  }

  private fetchSize(pending: number): number {
    return Math.min(this.batchSize, Math.max(1, pending));
  }

  private async handle(batch: JsMsg[]): Promise<void> {
    // Long handlers tell the server they are still working, so the batch is not redelivered
    // elsewhere while it is being processed.
    const keepAlive = setInterval(
      () => {
        try {
          batch.forEach((m) => m.working());
        } catch {
          // Disconnected: the acks will fail too and the server redelivers; nothing to do here.
        }
      },
      Math.max(this.ackWaitMs / 2, 500),
    );
    try {
      await this.opts.handler(batch.map((m) => toDurableMessage(m, this.namespace)));
    } catch (err) {
      this.nakAll(batch, err);
      return;
    } finally {
      clearInterval(keepAlive);
    }
    const acks = await Promise.allSettled(batch.map((m) => m.ackAck()));
    const failed = acks.filter((a) => a.status === 'rejected' || a.value === false).length;
    if (failed > 0) {
      // The handler's work is done; the server redelivers these and consumers dedupe on event id.
      this.log.warn({ durable: this.opts.durable, failed }, 'acks were not confirmed');
    }
  }

  private nakAll(batch: JsMsg[], err: unknown): void {
    const maxDeliver = this.opts.maxDeliver ?? -1;
    const deliveries = Math.max(...batch.map((m) => m.info.deliveryCount));
    const delay = backoffDelay(deliveries, this.opts.nakDelayMs ?? 1000, MAX_NAK_DELAY_MS);
    // JetStream would not redeliver these anyway; term() says so explicitly.
    const exhausted = batch.filter((m) => maxDeliver > 0 && m.info.deliveryCount >= maxDeliver);
    const context = { err, stream: this.opts.stream, durable: this.opts.durable, deliveries };
    this.log.warn(
      { ...context, seqs: batch.map((m) => m.seq), redeliverInMs: delay },
      'batch handler failed',
    );
    if (exhausted.length > 0) {
      this.log.error(
        { ...context, seqs: exhausted.map((m) => m.seq) },
        'messages failed on their last delivery and are given up',
      );
    }
    for (const m of batch) {
      if (exhausted.includes(m)) m.term();
      else m.nak(delay);
    }
  }

  /** Creates the durable, or updates the settings we own if they changed. */
  private async ensureConsumer(): Promise<ConsumerInfo> {
    const jsm = await this.deps.jsm();
    const { stream, durable, filterSubjects } = this.opts;
    const wanted: Partial<ConsumerConfig> = {
      ack_wait: nanos(this.ackWaitMs),
      max_deliver: this.opts.maxDeliver ?? -1,
      ...filterConfig(filterSubjects),
    };
    let info: ConsumerInfo | null = null;
    try {
      info = await jsm.consumers.info(stream, durable);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (!info) {
      try {
        return await jsm.consumers.add(stream, {
          ...wanted,
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
        });
      } catch (err) {
        // Another instance of the service created it first.
        info = await jsm.consumers.info(stream, durable).catch(() => null);
        if (!info) throw err;
      }
    }
    const changed = consumerUpdate(info.config, wanted);
    if (!changed) return info;
    this.log.info({ stream, durable, changed }, 'updating durable consumer');
    return jsm.consumers.update(stream, durable, changed);
  }
}

function filterConfig(subjects: string[]): Partial<ConsumerConfig> {
  return subjects.length === 1 ? { filter_subject: subjects[0] } : { filter_subjects: subjects };
}

function consumerUpdate(
  current: ConsumerConfig,
  wanted: Partial<ConsumerConfig>,
): Partial<ConsumerConfig> | null {
  const update: Partial<ConsumerConfig> = {};
  if (current.ack_wait !== wanted.ack_wait) update.ack_wait = wanted.ack_wait;
  if ((current.max_deliver ?? -1) !== wanted.max_deliver) update.max_deliver = wanted.max_deliver;
  const currentFilters =
    current.filter_subjects ?? (current.filter_subject ? [current.filter_subject] : []);
  const wantedFilters =
    wanted.filter_subjects ?? (wanted.filter_subject ? [wanted.filter_subject] : []);
  if (currentFilters.join(' ') !== wantedFilters.join(' ')) {
    if (wanted.filter_subject !== undefined) update.filter_subject = wanted.filter_subject;
    if (wanted.filter_subjects !== undefined) update.filter_subjects = wanted.filter_subjects;
  }
  return Object.keys(update).length > 0 ? update : null;
}

function toDurableMessage(m: JsMsg, namespace: SubjectNamespace): DurableMessage {
  return {
    subject: namespace.strip(m.subject),
    data: m.data,
    json: <T>() => m.json<T>(),
    seq: m.seq,
    redelivered: m.redelivered,
    deliveryCount: m.info.deliveryCount,
    headers: headersToRecord(m.headers),
  };
}

export function atLeast(version: string | undefined, major: number, minor: number): boolean {
  if (!version) return false;
  const [ma = 0, mi = 0] = version.split('.').map((p) => Number.parseInt(p, 10));
  return ma > major || (ma === major && mi >= minor);
}
