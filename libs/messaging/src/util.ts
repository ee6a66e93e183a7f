import type { MsgHdrs } from '@nats-io/transport-node';

/** NATS headers as a plain record (first value of each key), the shape our handlers receive. */
export function headersToRecord(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const key of h.keys()) out[key] = h.get(key);
  return out;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Exponential backoff with a cap: base, 2*base, 4*base, ... (attempt starts at 1). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(maxMs, baseMs * 2 ** exp);
}

/**
 * A sleep that can be cut short. Background loops (relay, consumers) wait on it between rounds so
 * that stop() and notify() take effect at once instead of after the poll interval.
 */
export class Wakeup {
  private pending: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  wait(ms: number): Promise<void> {
    this.fire();
    return new Promise<void>((resolve) => {
      this.pending = resolve;
      this.timer = setTimeout(() => this.fire(), ms);
    });
  }

  fire(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const resolve = this.pending;
    this.pending = null;
    resolve?.();
  }
}
