import type { OnApplicationShutdown } from '@nestjs/common';
import { PorticoError, ErrorCode } from '@portico/contracts';
import { Messaging } from '@portico/messaging';
import type { Logger } from 'pino';

type Hook = (m: Messaging) => Promise<void> | void;

/**
 * The app's NATS connection. It connects in the background and keeps trying, so an app starts (and
 * reports not-ready naming NATS) while NATS is down; features that need NATS register `onConnected`
 * hooks that run once the connection and the JetStream streams exist.
 */
export class MessagingService implements OnApplicationShutdown {
  private messaging: Messaging | undefined;
  private readonly hooks: Hook[] = [];
  private readonly stopHooks: Array<() => Promise<void> | void> = [];
  private connecting: Promise<void> | undefined;
  private stopped = false;
  private lastError: string | undefined;

  constructor(
    private readonly opts: {
      url: string;
      name: string;
      namespace?: string;
      logger: Logger;
      retryMs?: number;
    },
  ) {}

  /** Starts connecting (idempotent); resolves when connected or stopped. */
  start(): Promise<void> {
    this.connecting ??= this.connectLoop();
    return this.connecting;
  }

  private async connectLoop(): Promise<void> {
    let delay = this.opts.retryMs ?? 500;
    let warned = false;
    while (!this.stopped) {
      let m: Messaging | undefined;
      try {
        m = await Messaging.connect({
          url: this.opts.url,
          name: this.opts.name,
          logger: this.opts.logger,
          namespace: this.opts.namespace ?? '',
        });
        await m.ensureStreams();
        if (this.stopped) {
          await m.close();
          return;
        }
        this.messaging = m;
        this.lastError = undefined;
        for (const hook of this.hooks) await hook(m);
        return;
      } catch (e) {
        if (m && this.messaging !== m) await m.close().catch(() => undefined);
        this.lastError = e instanceof Error ? e.message : String(e);
        if (!warned) {
          this.opts.logger.warn(
            { url: this.opts.url, err: this.lastError },
            'NATS unavailable; retrying',
          );
          warned = true;
        }
        await new Promise((r) => setTimeout(r, delay).unref());
        delay = Math.min(delay * 2, 5_000);
      }
    }
  }

  /** Runs `hook` once connected (now, if already connected). */
  onConnected(hook: Hook): void {
    this.hooks.push(hook);
    if (this.messaging)
      void Promise.resolve(hook(this.messaging)).catch((err) =>
        this.opts.logger.error({ err }, 'NATS hook failed'),
      );
  }

  /** Runs before the connection drains at shutdown (stop consumers, relays). */
  onShutdown(hook: () => Promise<void> | void): void {
    this.stopHooks.push(hook);
  }

  get connected(): boolean {
    return this.messaging?.status() === 'connected';
  }

  status(): { status: 'connected' | 'reconnecting' | 'closed' | 'connecting'; error?: string } {
    if (!this.messaging)
      return { status: 'connecting', ...(this.lastError ? { error: this.lastError } : {}) };
    return { status: this.messaging.status() };
  }

  /** The connection, or SERVICE_UNAVAILABLE while there is none. */
  get(): Messaging {
    if (!this.messaging || this.messaging.status() === 'closed') {
      throw new PorticoError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The message bus (NATS) is not reachable right now.',
      );
    }
    return this.messaging;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const hook of this.stopHooks.reverse()) {
      try {
        await hook();
      } catch (err) {
        this.opts.logger.warn({ err }, 'shutdown hook failed');
      }
    }
    if (this.messaging) {
      await this.messaging.drain().catch(() => this.messaging?.close());
      this.messaging = undefined;
    }
  }
}
