import { PorticoError } from '@portico/contracts';
import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseRange(value: string): Range {
  const v = value.trim();
  if (v.includes('/')) return ipaddr.parseCIDR(v);
  const addr = ipaddr.parse(v);
  return [addr, addr.kind() === 'ipv4' ? 32 : 128];
}

/**
 * Validates and normalises CIDRs (`10.0.0.1` → `10.0.0.1/32`); a bad entry is a 400 naming it.
 * `field` is where the list sits in the request body.
 */
export function normaliseCidrs(values: readonly string[], field: string): string[] {
  return values.map((value, i) => {
    try {
      const [addr, bits] = parseRange(value);
      return `${addr.toString()}/${bits}`;
    } catch {
      throw PorticoError.validation('The request is invalid: 1 problem found.', [
        { field: `${field}.${i}`, message: `'${value}' is not an IP address or CIDR range` },
      ]);
    }
  });
}

/** Whether `ip` lies in one of `cidrs`; IPv4-mapped IPv6 addresses count as IPv4. */
export function ipAllowed(ip: string | undefined, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return true;
  if (!ip) return false;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.process(ip.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
  return cidrs.some((cidr) => {
    try {
      const [net, bits] = parseRange(cidr);
      return addr.kind() === net.kind() && addr.match(net, bits);
    } catch {
      return false;
    }
  });
}
