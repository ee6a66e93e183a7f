import { PorticoError } from '@portico/contracts';
import { ipAllowed, normaliseCidrs } from './cidr';

describe('CIDR lists', () => {
  it('normalises addresses and ranges', () => {
    expect(normaliseCidrs(['10.0.0.1', '192.168.0.0/16', '2001:DB8::/32'], 'ips')).toEqual([
      '10.0.0.1/32',
      '192.168.0.0/16',
      '2001:db8::/32',
    ]);
  });

  it('names the bad entry', () => {
    try {
      normaliseCidrs(['10.0.0.0/8', 'nope'], 'allowedIps');
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(PorticoError);
      expect((e as PorticoError).details[0]).toMatchObject({ field: 'allowedIps.1' });
    }
  });

  it('matches IPv4, IPv6 and IPv4-mapped IPv6 addresses', () => {
    const list = ['203.0.113.0/24', '2001:db8::/32'];
    expect(ipAllowed('203.0.113.200', list)).toBe(true);
    expect(ipAllowed('::ffff:203.0.113.200', list)).toBe(true);
    expect(ipAllowed('2001:db8::42', list)).toBe(true);
    expect(ipAllowed('203.0.114.1', list)).toBe(false);
    expect(ipAllowed(undefined, list)).toBe(false);
    expect(ipAllowed('garbage', list)).toBe(false);
    expect(ipAllowed(undefined, [])).toBe(true);
  });
});
