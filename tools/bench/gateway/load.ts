/**
 * One load run in its own process (so the load generator does not share an event loop with what
 * it measures): an optional warm-up, then the measured run. Latencies are taken from autocannon's
 * per-response event in fractional milliseconds (its own histogram rounds to whole ms, too coarse
 * for sub-millisecond overheads). Prints one JSON line: LoadResult.
 */
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  connections: number;
  durationS: number;
  warmupS: number;
  headers?: Record<string, string>;
  /** Requests per second over all connections; unset: as fast as possible. */
  rate?: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  requests: number;
  errors: number;
  non2xx: number;
}

function run(spec: LoadSpec, seconds: number, latencies: number[] | null) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const opts: autocannon.Options = {
      url: spec.url,
      connections: spec.connections,
      duration: seconds,
      headers: spec.headers ?? {},
    };
    if (spec.rate !== undefined) opts.overallRate = spec.rate;
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    if (latencies) {
      instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
        if (status >= 200 && status < 300) latencies.push(ms);
      });
    }
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
  if (spec.warmupS > 0) await run(spec, spec.warmupS, null);
  const latencies: number[] = [];
  const r = await run(spec, spec.durationS, latencies);
  const sorted = Float64Array.from(latencies).sort();
  const result: LoadResult = {
    rps: r['2xx'] / spec.durationS,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
    requests: r['2xx'] + r.non2xx,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
