import type { RouteSnapshot, SnapshotApi, SnapshotVersion, Upstream } from '@portico/contracts';
import {
  compileRoute,
  normaliseBasePath,
  type CompileDefaults,
  type CompiledRoute,
} from './compiled-route';
import { PathTrie, splitSegments } from './path-trie';

/** The routes of one public path template in one version, by method. */
class MethodTable {
  readonly byMethod = new Map<string, CompiledRoute>();
  any: CompiledRoute | null = null;
  private allowCache: string | null = null;

  add(route: CompiledRoute): void {
    if (route.base.method === 'ANY') this.any ??= route;
    else if (!this.byMethod.has(route.base.method)) this.byMethod.set(route.base.method, route);
    this.allowCache = null;
  }

  find(method: string): CompiledRoute | null {
    return (
      this.byMethod.get(method) ??
      (method === 'HEAD' ? this.byMethod.get('GET') : undefined) ??
      this.any
    );
  }

  /** Any route of this path (for CORS preflight, which has no route of its own). */
  first(): CompiledRoute | null {
    return this.any ?? this.byMethod.values().next().value ?? null;
  }

  allow(): string {
    this.allowCache ??= this.any
      ? 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'
      : [...this.byMethod.keys()].join(', ');
    return this.allowCache;
  }
}

/** One public path template (base path + route path), in every version that has it. */
interface PathEntry {
  byVersion: Map<string, MethodTable>;
  /** The table of its API's default version (newest published), when that version has this path. */
  defaultTable: MethodTable | null;
}

export type MatchResult =
  | { kind: 'route'; route: CompiledRoute; params: string[]; versionInUrl: boolean }
  /** The path exists (in the chosen version) but not for this method. */
  | { kind: 'method'; table: MethodTable; versionInUrl: boolean }
  | { kind: 'none' };

const NONE: MatchResult = { kind: 'none' };

/**
 * An immutable, compiled view of one RouteSnapshot. Requests in flight keep the table they
 * matched against; a reload swaps in a new one.
 */
export class RouteTable {
  readonly revision: number;
  readonly routeCount: number;
  readonly upstreams: Upstream[];
  private readonly trie = new PathTrie<PathEntry>();
  private readonly versions = new Set<string>();

  constructor(
    readonly snapshot: RouteSnapshot,
    defaults: CompileDefaults,
  ) {
    this.revision = snapshot.revision;
    const compiledAt = Date.now();
    let count = 0;
    const upstreams: Upstream[] = [];
    for (const api of snapshot.apis) {
      const defaultVersion = pickDefault(api);
      for (const v of api.versions) {
        this.versions.add(v.version);
        upstreams.push(v.upstream);
        const basePath = normaliseBasePath(v.basePath);
        for (const r of v.routes) {
          const route = compileRoute(api, v, r, defaults, compiledAt);
          count++;
          this.trie.upsert(basePath + (r.path === '/' ? '' : r.path), (existing) => {
            const entry = existing ?? { byVersion: new Map(), defaultTable: null };
            let table = entry.byVersion.get(v.version);
            if (!table) {
              table = new MethodTable();
              entry.byVersion.set(v.version, table);
            }
            table.add(route);
            if (v === defaultVersion && entry.defaultTable === null) entry.defaultTable = table;
            return entry;
          });
        }
      }
    }
    this.routeCount = count;
    this.upstreams = upstreams;
  }

  static empty(defaults: CompileDefaults): RouteTable {
    return new RouteTable(
      { revision: 0, generatedAt: new Date(0).toISOString(), apis: [] },
      defaults,
    );
  }

  /**
   * `/v1/base/path` picks version v1; otherwise `apiVersion` (the API-Version header) does; without
   * either the API's newest published version answers.
   */
  match(method: string, path: string, apiVersion: string | undefined): MatchResult {
    const segs = splitSegments(path);
    if (segs.length > 0 && this.versions.has(segs[0]!)) {
      const m = this.trie.match(segs, 1);
      const table = m?.value.byVersion.get(segs[0]!);
      if (m && table) return pick(table, method, m.params, true);
    }
    const m = this.trie.match(segs, 0);
    if (!m) return NONE;
    const table = apiVersion ? m.value.byVersion.get(apiVersion) : m.value.defaultTable;
    return table ? pick(table, method, m.params, false) : NONE;
  }
}

function pick(table: MethodTable, method: string, params: string[], inUrl: boolean): MatchResult {
  const route = table.find(method);
  if (route) return { kind: 'route', route, params, versionInUrl: inUrl };
  return { kind: 'method', table, versionInUrl: inUrl };
}

/** Newest published; else newest deprecated; else newest retired (which then answers 410). */
function pickDefault(api: SnapshotApi): SnapshotVersion | undefined {
  for (const status of ['published', 'deprecated', 'retired'] as const) {
    for (let i = api.versions.length - 1; i >= 0; i--) {
      if (api.versions[i]!.status === status) return api.versions[i];
    }
  }
  return undefined;
}

export type { MethodTable };
