/**
 * Dependencies that decide whether this instance may receive traffic. Platform pieces register
 * theirs (database, NATS, Consul); an app may add its own.
 */
export type ReadinessCheck = (signal: AbortSignal) => Promise<Record<string, unknown> | void>;

export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): Array<[string, ReadinessCheck]> {
    return [...this.checks.entries()];
  }
}
