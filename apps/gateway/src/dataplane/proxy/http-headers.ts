import type { IncomingHttpHeaders } from 'node:http';
import { connectionTokens } from '../../upstreams/headers';
import type { CompiledCors } from '../routing/compiled-route';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and those the proxy sets itself: never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
  'http2-settings',
]);

/** The headers the upstream receives, before the route's transform. */
export function forwardRequestHeaders(
  incoming: IncomingHttpHeaders,
  requestId: string,
  traceparent: string,
  clientIp: string,
  trustProxy: boolean,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  // Headers the client named in its own `Connection` header are hop-by-hop too (RFC 9110 §7.6.1).
  const c = incoming.connection;
  const named = c && c !== 'keep-alive' && c !== 'close' ? connectionTokens(c) : null;
  for (const name in incoming) {
    if (HOP_BY_HOP.has(name) || (named !== null && named.includes(name))) continue;
    const v = incoming[name];
    if (v !== undefined) out[name] = v;
  }
  out['x-request-id'] = requestId;
  out['traceparent'] = traceparent;
  // Forwarding headers from the client are only believed behind a trusted proxy.
  const xff = trustProxy ? incoming['x-forwarded-for'] : undefined;
  out['x-forwarded-for'] = xff ? `${xff}, ${clientIp}` : clientIp;
  if (!trustProxy || !incoming['x-forwarded-host']) {
    if (incoming.host) out['x-forwarded-host'] = incoming.host;
    else delete out['x-forwarded-host'];
  }
  if (!trustProxy || !incoming['x-forwarded-proto']) out['x-forwarded-proto'] = 'http';
  return out;
}

/** The upstream's response headers the client may see, before the route's transform. */
export function forwardResponseHeaders(
  upstream: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name in upstream) {
    if (name === 'connection' || name === 'keep-alive' || name === 'transfer-encoding') continue;
    const v = upstream[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** Access-Control-* for an actual (non-preflight) request, or null when the origin is not allowed. */
export function corsResponseHeaders(
  cors: CompiledCors,
  origin: string,
): Array<[string, string]> | null {
  if (!cors.anyOrigin && !cors.origins.has(origin)) return null;
  const out: Array<[string, string]> = [
    ['access-control-allow-origin', cors.anyOrigin && !cors.credentials ? '*' : origin],
  ];
  if (!(cors.anyOrigin && !cors.credentials)) out.push(['vary', 'Origin']);
  if (cors.credentials) out.push(['access-control-allow-credentials', 'true']);
  if (cors.exposeHeaders) out.push(['access-control-expose-headers', cors.exposeHeaders]);
  return out;
}

/** The preflight answer's headers; null when the origin or method is not allowed. */
export function corsPreflightHeaders(
  cors: CompiledCors,
  origin: string,
  method: string,
): Record<string, string> | null {
  if (!cors.anyOrigin && !cors.origins.has(origin)) return null;
  if (!cors.methods.has(method)) return null;
  const h: Record<string, string> = {
    'access-control-allow-origin': cors.anyOrigin && !cors.credentials ? '*' : origin,
    'access-control-allow-methods': cors.allowMethods,
    'access-control-max-age': cors.maxAge,
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  };
  if (cors.allowHeaders) h['access-control-allow-headers'] = cors.allowHeaders;
  if (cors.credentials) h['access-control-allow-credentials'] = 'true';
  return h;
}

/** Adds a token to a (possibly absent) comma-separated header value such as Vary. */
export function appendToken(
  h: Record<string, string | string[]>,
  name: string,
  token: string,
): void {
  const v = h[name];
  if (v === undefined) h[name] = token;
  else h[name] = `${Array.isArray(v) ? v.join(', ') : v}, ${token}`;
}
