import { compileIpMatcher, parseIpv4 } from './ip-match';

describe('IP matching', () => {
  it('parses dotted quads strictly', () => {
    expect(parseIpv4('10.0.0.1')).toBe(0x0a000001);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '1..2.3', 'a.b.c.d', '', '1.2.3.4 ']) {
      expect(parseIpv4(bad)).toBe(-1);
    }
  });

  it('matches IPv4 and IPv6 CIDRs, bare addresses and IPv4-mapped IPv6', () => {
    const m = compileIpMatcher(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', '::1', '0.0.0.0/32']);
    expect(m.matches('10.200.3.4')).toBe(true);
    expect(m.matches('11.0.0.1')).toBe(false);
    expect(m.matches('192.168.1.7')).toBe(true);
    expect(m.matches('192.168.1.8')).toBe(false);
    expect(m.matches('::ffff:10.1.1.1')).toBe(true);
    expect(m.matches('2001:db8:1234::9')).toBe(true);
    expect(m.matches('2001:db9::1')).toBe(false);
    expect(m.matches('::1')).toBe(true);
    expect(m.matches('[::1]')).toBe(true);
    expect(m.matches('garbage')).toBe(false);
  });

  it('handles /0 and odd IPv6 prefix lengths', () => {
    expect(compileIpMatcher(['0.0.0.0/0']).matches('203.0.113.9')).toBe(true);
    const m = compileIpMatcher(['2001:db8:8000::/33']);
    expect(m.matches('2001:db8:8000::1')).toBe(true);
    expect(m.matches('2001:db8:7fff::1')).toBe(false);
  });

  it('refuses to compile an invalid entry', () => {
    expect(() => compileIpMatcher(['10.0.0.0/33'])).toThrow();
    expect(() => compileIpMatcher(['nope'])).toThrow();
  });
});
