import type { CachePolicy } from '@portico/contracts';
import type { CallerIdentity, GatewayRequest } from '../pipeline/contracts';

/**
 * Builds the cache key of a request for one cache policy. Built once per policy object (the
 * snapshot's policies are immutable and shared by every request of a route) and kept in a WeakMap,
 * so the hot path does no allocation beyond the key string itself.
 */
export interface KeyBuilder {
  /** version, method, path, normalised query, the policy's vary headers and (perConsumer) the consumer. */
  base(req: GatewayRequest, identity: CallerIdentity | null): string;
}

const builders = new WeakMap<CachePolicy, KeyBuilder>();

export function keyBuilderFor(policy: CachePolicy): KeyBuilder {
  let b = builders.get(policy);
  if (!b) {
    b = compile(policy);
    builders.set(policy, b);
  }
  return b;
}

function compile(policy: CachePolicy): KeyBuilder {
  const vary = normaliseHeaderNames(policy.vary);
  const perConsumer = policy.perConsumer;
  return {
    base(req, identity) {
      // Newlines cannot occur in a path or a header value, so they cannot be forged into a key.
      // The version, because `API-Version` picks it without changing the path; HEAD reads what a
      // GET stored (only GET answers have a body to keep).
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      let key = `${req.route.tenantId}\n${req.route.versionId}\n${method} ${req.path}?${normaliseQuery(req.query)}`;
      if (vary.length > 0) key += varySuffix(req.headers, vary);
      if (perConsumer) key += `\nc=${identity?.consumerId ?? identity?.keyId ?? '-'}`;
      return key;
    },
  };
}

/** Lower-cased, deduplicated and sorted, so `vary: [B, a]` and `[a, b]` key alike. */
export function normaliseHeaderNames(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.toLowerCase()))].sort();
}

/** `\nname=value` per header (absent: empty), names already normalised. */
export function varySuffix(
  headers: Record<string, string | string[] | undefined>,
  names: readonly string[],
): string {
  let out = '';
  for (const name of names) {
    const v = headers[name];
    out += `\n${name}=${v === undefined ? '' : Array.isArray(v) ? v.join(',') : v}`;
  }
  return out;
}

/**
 * Parameters sorted by name (stable: repeated names keep their order, which may carry meaning),
 * so `?b=2&a=1` and `?a=1&b=2` share an entry. Empty pieces (`a=1&&b=2`) are dropped.
 */
export function normaliseQuery(query: string): string {
  if (query.length === 0 || query.indexOf('&') < 0) return query;
  const parts = query.split('&').filter((p) => p.length > 0);
  if (parts.length < 2) return parts.join('&');
  return parts
    .map((p) => {
      const eq = p.indexOf('=');
      return { name: eq < 0 ? p : p.slice(0, eq), p };
    })
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .map((x) => x.p)
    .join('&');
}

/** Header names of an upstream `Vary`; null for `Vary: *` (the response must not be stored). */
export function parseVary(value: string | string[] | undefined): string[] | null {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(',') : value;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.includes('*')) return null;
  return normaliseHeaderNames(names);
}
