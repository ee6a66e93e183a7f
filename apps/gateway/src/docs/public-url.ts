import type { GatewayConfig } from '../config';

export interface RequestLike {
  protocol: string;
  host?: string;
  hostname: string;
}

/** A host as it may appear in a URL: name or address, optional port (nothing to escape). */
const SAFE_HOST = /^[a-zA-Z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-fA-F:.]+\](?::\d{1,5})?$/;

/**
 * The URL clients use to reach the gateway: GATEWAY_PUBLIC_URL, or the request's own scheme and
 * host (X-Forwarded-* only when TRUST_PROXY says so; Fastify applies that). A host that is not a
 * plain name or address falls back to localhost rather than landing in the document.
 */
export function publicUrl(config: GatewayConfig, req: RequestLike): string {
  if (config.GATEWAY_PUBLIC_URL) return config.GATEWAY_PUBLIC_URL.replace(/\/+$/, '');
  const host = req.host ?? req.hostname;
  const protocol = req.protocol === 'https' ? 'https' : 'http';
  return `${protocol}://${SAFE_HOST.test(host) ? host : 'localhost'}`;
}
