import { ErrorCode, PorticoError } from '@portico/contracts';
import { Prisma } from '../generated/prisma/client';

/** Seconds a client is told to wait (Retry-After) when the registry sheds a write. */
export const RETRY_AFTER_SECONDS = 1;

export function busy(message: string, cause?: unknown): PorticoError {
  return new PorticoError(ErrorCode.SERVICE_UNAVAILABLE, message, [], {
    headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    cause,
  });
}

/**
 * Lets at most `limit` write transactions hold a pooled connection at once; the rest wait here, in
 * order, for up to `maxWaitMs`. Every registry change ends on the one registry_state row lock, so
 * more writers than this only park on that lock while holding connections: the pool (whose own
 * wait is a short connect timeout) then runs dry and reads, the outbox relay and further writes
 * fail. Waiting in memory costs nothing; a write that cannot start in time is a 503, not a 500.
 */
export class WriteGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaitMs: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        this.active += 1;
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(turn);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(busy('The registry is busy with other changes; retry shortly.'));
      }, this.maxWaitMs);
      this.waiting.push(turn);
    });
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }
}

const WRITE_CONFLICT_SQLSTATES = new Set(['40001', '40P01']);

/** A serialization failure or deadlock: the transaction was rolled back and can simply run again. */
export function isWriteConflict(e: unknown): boolean {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (e.code === 'P2034') return true;
  const sqlState = (e.meta as { code?: unknown } | undefined)?.code;
  return (
    e.code === 'P2010' && typeof sqlState === 'string' && WRITE_CONFLICT_SQLSTATES.has(sqlState)
  );
}

/**
 * The database could not give us a connection or a transaction in time (pool exhausted, too many
 * connections, transaction start timeout): transient overload, nothing was written.
 */
export function isOverload(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError) {
    return e.code === 'P2028' || e.code === 'P2024' || e.code === 'P2037';
  }
  return e instanceof Error && /timeout exceeded when trying to connect/i.test(e.message);
}
