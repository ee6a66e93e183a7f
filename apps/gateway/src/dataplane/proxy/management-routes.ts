import type { Upstream } from '@portico/contracts';

/**
 * The suite's own management APIs, served through the gateway so clients need one address.
 * Prefixes come from each app's controllers; requests pass through untouched (path, query and
 * credentials), since the owning service authenticates them.
 */
const PREFIXES: Record<string, string[]> = {
  registry: ['/api/v1/apis', '/api/v1/route-table', '/api/v1/services', '/api/v1/audit'],
  'consumer-management': [
    '/api/v1/consumers',
    '/api/v1/keys',
    '/api/v1/plans',
    '/api/v1/tenants',
    '/api/v1/users',
    '/api/v1/subscriptions',
    '/api/v1/signup',
    '/api/v1/oauth',
    '/oauth',
    '/.well-known',
  ],
  analytics: ['/api/v1/analytics', '/api/v1/metrics'],
  'webhook-dispatcher': ['/api/v1/webhooks'],
  'integration-connectors': ['/api/v1/connectors'],
};

export interface ManagementRoute {
  service: string;
  upstream: Upstream;
  /** `/api/v1/apis/*`: the event's path template and the metrics' route label. */
  template: string;
}

const API_V1 = '/api/v1/';
/** Keyed by the segment after /api/v1/ (or the first segment for /oauth and /.well-known). */
const underApi = new Map<string, ManagementRoute>();
const topLevel = new Map<string, ManagementRoute>();
const upstreams = new Map<string, Upstream>();

for (const [service, prefixes] of Object.entries(PREFIXES)) {
  const upstream: Upstream = { service, loadBalancing: 'round-robin' };
  upstreams.set(service, upstream);
  for (const prefix of prefixes) {
    const route = { service, upstream, template: `${prefix}/*` };
    if (prefix.startsWith(API_V1)) underApi.set(prefix.slice(API_V1.length), route);
    else topLevel.set(prefix.slice(1), route);
  }
}

/** One Upstream object per service, kept alive across route table swaps. */
export const MANAGEMENT_UPSTREAMS: Upstream[] = [...upstreams.values()];

function segmentAt(path: string, start: number): string {
  const end = path.indexOf('/', start);
  return end < 0 ? path.slice(start) : path.slice(start, end);
}

export function matchManagement(path: string): ManagementRoute | null {
  if (path.startsWith(API_V1)) return underApi.get(segmentAt(path, API_V1.length)) ?? null;
  return topLevel.get(segmentAt(path, 1)) ?? null;
}

const OWN_TOP = new Set(['health', 'metrics', 'docs', 'docs-json', 'docs-yaml', 'graphql']);
const OWN_API = new Set(['status', 'health', 'gateway']);

/** Paths the gateway's own Nest/Fastify app serves (never proxied). */
export function isGatewayOwnPath(path: string): boolean {
  if (path.startsWith(API_V1)) {
    const seg = segmentAt(path, API_V1.length);
    return OWN_API.has(seg) || seg.startsWith('docs') || seg.startsWith('sdk');
  }
  return OWN_TOP.has(segmentAt(path, 1));
}
