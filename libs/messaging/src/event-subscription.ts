import type { SubjectNamespace } from './namespace';
import {
  DeliverPolicy,
  type Consumer,
  type ConsumerMessages,
  type JetStreamClient,
  type OrderedConsumerOptions,
} from '@nats-io/jetstream';
import {
  eventSubject,
  isCloudEvent,
  Streams,
  type CloudEvent,
  type LoggerLike,
} from '@portico/contracts';
import { backoffDelay, Wakeup } from './util';

export interface SubscribeEventsOptions {
  /** 'new' (default): only events published from now on; 'all': replay the stream first. */
  deliverFrom?: 'new' | 'all';
}

export interface EventSubscription {
  /** Resolves once the consumer exists on the server: events published afterwards are seen. */
  readonly ready: Promise<void>;
  /** Stops delivery; resolves after the handler call in progress returns. */
  stop(): Promise<void>;
}

/**
 * A non-durable view of PORTICO_EVENTS for in-memory caches (the gateway's route table): an
 * ordered consumer, which the client re-creates at the right sequence after reconnects, so events
 * arrive in stream order without gaps. Handler failures are logged and skipped; readers that must
 * not miss anything use a durable consumer or spot revision gaps and reload.
 */
export class OrderedEventSubscription implements EventSubscription {
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private stopping = false;
  private readonly wake = new Wakeup();
  private messages: ConsumerMessages | null = null;
  private consumer: Consumer | null = null;
  private lastSeq = 0;
  private readonly done: Promise<void>;

  constructor(
    private readonly js: JetStreamClient,
    private readonly filter: string,
    private readonly handler: (event: CloudEvent) => Promise<void> | void,
    private readonly opts: SubscribeEventsOptions,
    private readonly logger: LoggerLike,
    private readonly isClosed: () => boolean,
    private readonly namespace: SubjectNamespace,
  ) {
    this.ready = new Promise<void>((resolve) => (this.markReady = resolve));
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.fire();
    await this.messages?.close().catch(() => undefined);
    await this.done;
    this.markReady();
    // The server would drop the idle consumer after its inactivity threshold; restarts of a busy
    // gateway should not leave a trail of them until then.
    if (!this.isClosed()) await this.consumer?.delete().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping && !this.isClosed()) {
      try {
        await this.consumeOnce();
        if (this.stopping) break;
        // The iterator ended without being stopped (e.g. the stream was deleted): start over.
        failures++;
      } catch (err) {
        if (this.stopping || this.isClosed()) break;
        failures++;
        this.logger.warn({ err, filter: this.filter }, 'event subscription failed; retrying');
      }
      await this.wake.wait(backoffDelay(failures, 250, 10_000));
    }
  }

  private async consumeOnce(): Promise<void> {
    await this.consumer?.delete().catch(() => undefined);
    const consumer = await this.js.consumers.get(
      this.namespace.stream(Streams.events.name),
      this.consumerOptions(),
    );
    this.consumer = consumer;
    if (this.stopping) return;
    const messages = await consumer.consume({ max_messages: 256 });
    this.messages = messages;
    this.markReady();
    for await (const m of messages) {
      this.lastSeq = m.seq;
      let event: unknown;
      try {
        event = m.json();
      } catch {
        event = undefined;
      }
      if (!isCloudEvent(event)) {
        this.logger.warn(
          { subject: m.subject, seq: m.seq },
          'skipping a message that is not a CloudEvent',
        );
        continue;
      }
      try {
        await this.handler(event);
      } catch (err) {
        this.logger.error(
          { err, eventId: event.id, type: event.type, filter: this.filter },
          'event handler failed; the event is skipped',
        );
      }
    }
  }

  private consumerOptions(): Partial<OrderedConsumerOptions> {
    const filter_subjects = this.namespace.subject(eventSubject(this.filter));
    // After a restart of our loop, continue right after the last event we handled.
    if (this.lastSeq > 0) {
      return {
        filter_subjects,
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: this.lastSeq + 1,
      };
    }
    const deliver_policy = this.opts.deliverFrom === 'all' ? DeliverPolicy.All : DeliverPolicy.New;
    return { filter_subjects, deliver_policy };
  }
}
