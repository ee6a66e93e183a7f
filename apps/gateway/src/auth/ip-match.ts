import ipaddr from 'ipaddr.js';

/**
 * CIDR lists compiled once into numeric ranges, so a request costs a parse of its client address
 * and a few integer compares. IPv4 ranges are 32-bit masks; IPv6 ranges compare 16-bit words.
 * IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`, what a dual-stack socket reports) count as IPv4.
 */
export interface IpMatcher {
  /** True when `ip` lies in one of the ranges; unparseable addresses never match. */
  matches(ip: string): boolean;
  readonly size: number;
}

interface V4Range {
  net: number;
  mask: number;
}

interface V6Range {
  words: number[];
  bits: number;
}

/** Parses a dotted quad without allocating; -1 when it is not one. */
export function parseIpv4(ip: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return -1;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** The IPv4 value of `ip` (including IPv4-mapped IPv6), or -1. */
function ipv4Of(ip: string): number {
  const direct = parseIpv4(ip);
  if (direct >= 0) return direct;
  if (ip.length > 7 && ip.charCodeAt(0) === 58 && /^::ffff:/i.test(ip)) {
    return parseIpv4(ip.slice(7));
  }
  return -1;
}

function parseRange(cidr: string): V4Range | V6Range {
  const text = cidr.trim();
  const [addr, bits] = text.includes('/')
    ? ipaddr.parseCIDR(text)
    : (() => {
        const a = ipaddr.parse(text);
        return [a, a.kind() === 'ipv4' ? 32 : 128] as const;
      })();
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return rangeV4((addr as ipaddr.IPv6).toIPv4Address().toByteArray(), bits - 96);
  }
  if (addr.kind() === 'ipv4') return rangeV4(addr.toByteArray(), bits);
  return { words: (addr as ipaddr.IPv6).parts.slice(), bits };
}

function rangeV4(bytes: number[], bits: number): V4Range {
  const value =
    (((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0) >>> 0;
  const mask = maskOf(bits);
  return { net: (value & mask) >>> 0, mask };
}

function inV6(words: number[], range: V6Range): boolean {
  let left = range.bits;
  for (let i = 0; i < 8 && left > 0; i++) {
    const take = Math.min(16, left);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((words[i]! & mask) !== (range.words[i]! & mask)) return false;
    left -= take;
  }
  return true;
}

/** Compiles CIDRs (or bare addresses); throws on an invalid entry. */
export function compileIpMatcher(cidrs: readonly string[]): IpMatcher {
  const v4: V4Range[] = [];
  const v6: V6Range[] = [];
  for (const cidr of cidrs) {
    const r = parseRange(cidr);
    if ('mask' in r) v4.push(r);
    else v6.push(r);
  }
  return {
    size: v4.length + v6.length,
    matches(ip: string): boolean {
      const value = ipv4Of(ip);
      if (value >= 0) {
        for (const r of v4) if ((value & r.mask) >>> 0 === r.net) return true;
        return false;
      }
      if (v6.length === 0) return false;
      let words: number[];
      try {
        const parsed = ipaddr.parse(ip.startsWith('[') ? ip.slice(1, -1) : ip);
        if (parsed.kind() !== 'ipv6') return false;
        words = (parsed as ipaddr.IPv6).parts;
      } catch {
        return false;
      }
      for (const r of v6) if (inV6(words, r)) return true;
      return false;
    },
  };
}
