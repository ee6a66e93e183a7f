/**
 * An async iterator fed by pushes (NATS messages), as a subscription resolver returns it. Unlike an
 * async generator, `return()` takes effect at once even while a reader waits, so a client that
 * unsubscribes releases the NATS subscription immediately.
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | null = null;
  private ended = false;
  private closed = false;

  constructor(
    private readonly onClose: () => void,
    private readonly maxQueued = 100,
  ) {}

  push(value: T): void {
    if (this.closed || this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value, done: false });
    } else if (this.queue.length < this.maxQueued) {
      this.queue.push(value);
    }
  }

  /** No more values: readers get what is queued, then the end. */
  end(): void {
    this.ended = true;
    if (this.waiting && this.queue.length === 0) void this.return();
  }

  next(): Promise<IteratorResult<T>> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve({ value: queued, done: false });
    if (this.closed || this.ended) return this.return();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.onClose();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(err: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
