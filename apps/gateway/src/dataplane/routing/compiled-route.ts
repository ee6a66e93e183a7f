import type {
  CorsPolicy,
  PolicySet,
  SnapshotApi,
  SnapshotRoute,
  SnapshotVersion,
  TransformPolicy,
  Upstream,
} from '@portico/contracts';
import type { MatchedRoute } from '../../pipeline/contracts';

/** Header add/remove/rename, lower-cased and flattened once per snapshot. */
export interface HeaderOps {
  remove: string[];
  rename: Array<[from: string, to: string]>;
  add: Array<[name: string, value: string]>;
}

export interface CompiledCors {
  anyOrigin: boolean;
  origins: ReadonlySet<string>;
  credentials: boolean;
  methods: ReadonlySet<string>;
  allowMethods: string;
  allowHeaders: string | null;
  exposeHeaders: string | null;
  maxAge: string;
}

/** What the data plane needs per route, computed when the snapshot is compiled. */
export interface CompiledRoute {
  /** MatchedRoute minus params; spread with the request's params. */
  readonly base: Omit<MatchedRoute, 'params'>;
  readonly upstream: Upstream;
  /** Characters of the public path before the route path when the version is in the URL / not. */
  readonly strip: { withVersion: number; withoutVersion: number };
  readonly upstreamPrefix: string;
  readonly requestHeaders: HeaderOps | null;
  readonly responseHeaders: HeaderOps | null;
  readonly cors: CompiledCors | null;
  /** Deprecation, Sunset and Link headers (deprecated versions), or null. */
  readonly versionHeaders: ReadonlyArray<[string, string]> | null;
  /** Retired versions: who replaces them (410 GONE names it). */
  readonly retired: { successor: string | null; link: string | null } | null;
  readonly sizeLimit: number;
  readonly timeoutMs: number;
  /** For GET/HEAD/PUT/DELETE/OPTIONS; other methods get one attempt. */
  readonly idempotentAttempts: number;
  readonly breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  readonly cacheable: boolean;
}

export interface CompileDefaults {
  timeoutMs: number;
  bodyLimitBytes: number;
}

function headerOps(t: NonNullable<TransformPolicy['request']>['headers']): HeaderOps | null {
  if (!t) return null;
  const ops: HeaderOps = {
    remove: t.remove.map((h) => h.toLowerCase()),
    rename: Object.entries(t.rename).map(([a, b]) => [a.toLowerCase(), b.toLowerCase()]),
    add: Object.entries(t.add).map(([a, b]) => [a.toLowerCase(), b]),
  };
  return ops.remove.length + ops.rename.length + ops.add.length === 0 ? null : ops;
}

/** Kong's order: remove, rename, add. */
export function applyHeaderOps(
  h: Record<string, string | string[] | undefined>,
  ops: HeaderOps,
): void {
  for (const name of ops.remove) delete h[name];
  for (const [from, to] of ops.rename) {
    const v = h[from];
    if (v !== undefined) {
      delete h[from];
      h[to] = v;
    }
  }
  for (const [name, value] of ops.add) h[name] = value;
}

function compileCors(c: CorsPolicy | undefined): CompiledCors | null {
  if (!c) return null;
  return {
    anyOrigin: c.origins.includes('*'),
    origins: new Set(c.origins),
    credentials: c.credentials,
    methods: new Set(c.methods),
    allowMethods: c.methods.join(', '),
    allowHeaders: c.headers.length ? c.headers.join(', ') : null,
    exposeHeaders: c.exposeHeaders.length ? c.exposeHeaders.join(', ') : null,
    maxAge: String(c.maxAgeSeconds),
  };
}

/** '/' and '/x/' become '' and '/x', so the public path is a plain concatenation. */
export function normaliseBasePath(basePath: string): string {
  let b = basePath;
  while (b.length > 0 && b.endsWith('/')) b = b.slice(0, -1);
  return b;
}

function successorLink(api: SnapshotApi, successor: string | null): string | null {
  if (!successor) return null;
  const next = api.versions.find((v) => v.version === successor);
  return `/${successor}${normaliseBasePath(next?.basePath ?? '/')}`;
}

function versionHeaders(
  api: SnapshotApi,
  v: SnapshotVersion,
  compiledAt: number,
): Array<[string, string]> | null {
  if (v.status !== 'deprecated') return null;
  const out: Array<[string, string]> = [];
  // RFC 9745: an IMF-fixdate is not used any more; the value is `@` and unix seconds.
  const since = v.deprecatedAt ? Date.parse(v.deprecatedAt) : compiledAt;
  out.push(['deprecation', `@${Math.floor(since / 1000)}`]);
  if (v.sunsetAt) out.push(['sunset', new Date(v.sunsetAt).toUTCString()]);
  const link = successorLink(api, v.successorVersion);
  if (link) out.push(['link', `<${link}>; rel="successor-version"`]);
  return out;
}

export function compileRoute(
  api: SnapshotApi,
  v: SnapshotVersion,
  r: SnapshotRoute,
  defaults: CompileDefaults,
  compiledAt: number,
): CompiledRoute {
  const p: PolicySet = r.policies;
  const basePath = normaliseBasePath(v.basePath);
  const routePath = r.path === '/' ? '' : r.path;
  return {
    base: {
      tenantId: api.tenantId,
      apiId: api.apiId,
      apiName: api.name,
      version: v.version,
      versionId: v.versionId,
      versionStatus: v.status,
      routeId: r.routeId,
      method: r.method,
      pathTemplate: `/${v.version}${basePath}${routePath}`,
      policies: p,
    },
    upstream: v.upstream,
    strip: { withVersion: 1 + v.version.length + basePath.length, withoutVersion: basePath.length },
    upstreamPrefix: normaliseBasePath(p.transform?.request?.pathPrefix ?? ''),
    requestHeaders: headerOps(p.transform?.request?.headers),
    responseHeaders: headerOps(p.transform?.response?.headers),
    cors: compileCors(p.cors),
    versionHeaders: versionHeaders(api, v, compiledAt),
    retired:
      v.status === 'retired'
        ? { successor: v.successorVersion, link: successorLink(api, v.successorVersion) }
        : null,
    sizeLimit: p.requestSizeLimitBytes ?? defaults.bodyLimitBytes,
    timeoutMs: p.timeoutMs ?? defaults.timeoutMs,
    idempotentAttempts: p.retry?.maxAttempts ?? 3,
    breaker: {
      consecutiveFailures: p.circuitBreaker?.consecutiveFailures ?? 5,
      halfOpenAfterMs: p.circuitBreaker?.halfOpenAfterMs ?? 60_000,
    },
    cacheable: p.cache !== undefined,
  };
}
