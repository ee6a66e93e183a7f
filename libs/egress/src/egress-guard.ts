import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { ErrorCode, PorticoError } from '@portico/contracts';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector } from 'undici';

export type EgressRefusal =
  | 'scheme'
  | 'credentials'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'multicast'
  | 'metadata'
  | 'reserved'
  | 'unresolvable';

const REASONS: Record<EgressRefusal, string> = {
  scheme: 'only http and https URLs are allowed',
  credentials: 'URLs must not carry user:password credentials',
  loopback: 'it points at a loopback address',
  private: 'it points at a private network address',
  'link-local': 'it points at a link-local address',
  multicast: 'it points at a multicast or broadcast address',
  metadata: 'it points at a cloud metadata endpoint',
  reserved: 'it points at a reserved or unspecified address',
  unresolvable: 'its host name does not resolve',
};

/** Cloud metadata endpoints beyond the link-local 169.254.169.254 (AWS IPv6, Alibaba). */
const METADATA = ['fd00:ec2::254', '100.100.100.200', '169.254.169.254'].map((ip) =>
  ipaddr.parse(ip).toNormalizedString(),
);

export class EgressRefusedError extends PorticoError {
  constructor(
    readonly reason: EgressRefusal,
    target: string,
  ) {
    super(ErrorCode.VALIDATION_ERROR, `Outbound call to ${target} refused: ${REASONS[reason]}.`, [
      { field: 'url', message: REASONS[reason], code: `egress_${reason.replace('-', '_')}` },
    ]);
    this.name = 'PorticoError';
  }
}

/**
 * The SSRF guard for every outbound call Portico makes on behalf of a tenant (webhooks,
 * connectors): only public unicast addresses, unless a subnet is explicitly allowed
 * (PORTICO_EGRESS_ALLOW_SUBNETS). Checked when a URL is saved and again at connect time, after DNS
 * resolution, so a name that later resolves to an internal address (DNS rebinding) is still refused.
 */
export class EgressGuard {
  private readonly allowed: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;

  constructor(opts: { allowSubnets?: readonly string[]; httpsOnly?: boolean } = {}) {
    this.allowed = (opts.allowSubnets ?? []).map((cidr) => ipaddr.parseCIDR(cidr.trim()));
    this.httpsOnly = opts.httpsOnly ?? false;
  }
  readonly httpsOnly: boolean;

  /** From the comma-separated PORTICO_EGRESS_ALLOW_SUBNETS value. */
  static fromConfig(allowSubnets: string | undefined, httpsOnly = false): EgressGuard {
    const list = (allowSubnets ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return new EgressGuard({ allowSubnets: list, httpsOnly });
  }

  /** Null when Portico may connect to `ip`, else why not. */
  checkAddress(ip: string): EgressRefusal | null {
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      addr = ipaddr.process(ip.replace(/^\[|\]$/g, ''));
    } catch {
      return 'reserved';
    }
    for (const [net, bits] of this.allowed) {
      if (addr.kind() === net.kind() && addr.match(net, bits)) return null;
    }
    if (METADATA.includes(addr.toNormalizedString())) {
      return 'metadata';
    }
    switch (addr.range()) {
      case 'unicast':
        return null;
      case 'loopback':
        return 'loopback';
      case 'private':
      case 'uniqueLocal':
      case 'carrierGradeNat':
        return 'private';
      case 'linkLocal':
        return 'link-local';
      case 'multicast':
      case 'broadcast':
        return 'multicast';
      default:
        return 'reserved';
    }
  }

  /** Static checks of a URL (scheme, credentials, literal addresses); no DNS. */
  checkUrlSyntax(raw: string): EgressRefusal | null {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'scheme';
    }
    const schemes = this.httpsOnly ? ['https:'] : ['http:', 'https:'];
    if (!schemes.includes(url.protocol)) return 'scheme';
    if (url.username || url.password) return 'credentials';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return isIP(host) ? this.checkAddress(host) : null;
  }

  /** Full check, resolving the host: what to call when a URL is saved (throws with the reason). */
  async assertAllowed(raw: string): Promise<void> {
    const syntax = this.checkUrlSyntax(raw);
    if (syntax) throw new EgressRefusedError(syntax, raw);
    const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) return;
    const addresses = await resolveAll(host).catch(() => null);
    if (!addresses || addresses.length === 0) throw new EgressRefusedError('unresolvable', raw);
    for (const a of addresses) {
      const refusal = this.checkAddress(a.address);
      if (refusal) throw new EgressRefusedError(refusal, raw);
    }
  }

  /**
   * An undici dispatcher that re-checks every address it connects to, after DNS resolution. Pass it
   * to `fetch(url, { dispatcher })` or undici's `request`; redirects are the caller's business.
   */
  dispatcher(opts: { connectTimeoutMs?: number; keepAliveTimeoutMs?: number } = {}): Agent {
    const check = (ip: string) => this.checkAddress(ip);
    const connector = buildConnector({
      timeout: opts.connectTimeoutMs ?? 10_000,
      lookup(hostname, options, callback) {
        dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
          if (err) return callback(err, '', 4);
          const ok = addresses.find((a) => check(a.address) === null);
          const refused = addresses.find((a) => check(a.address) !== null);
          if (refused || !ok) {
            const reason = refused ? check(refused.address)! : 'unresolvable';
            return callback(new EgressRefusedError(reason, hostname), '', 4);
          }
          if ((options as { all?: boolean }).all) {
            return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
          }
          callback(null, ok.address, ok.family);
        });
      },
    });
    return new Agent({
      keepAliveTimeout: opts.keepAliveTimeoutMs ?? 4_000,
      connect(options, callback) {
        const host = String(options.hostname).replace(/^\[|\]$/g, '');
        if (isIP(host)) {
          const refusal = check(host);
          if (refusal) return callback(new EgressRefusedError(refusal, host), null);
        }
        return connector(options, callback);
      },
    });
  }
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );
}
