import http from 'node:http';
import { fetch } from 'undici';
import type { AddressInfo } from 'node:net';
import { EgressGuard, EgressRefusedError } from './egress-guard';

describe('EgressGuard', () => {
  const guard = new EgressGuard();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.10.10', 'link-local'],
    ['::1', 'loopback'],
    ['fd00:ec2::254', 'metadata'],
    ['fc00::1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'reserved'],
    ['100.100.100.200', 'metadata'],
  ])('refuses %s (%s)', (ip, reason) => {
    expect(guard.checkAddress(ip)).toBe(reason);
  });

  it('allows public unicast addresses', () => {
    expect(guard.checkAddress('93.184.216.34')).toBeNull();
    expect(guard.checkAddress('2606:2800:220:1:248:1893:25c8:1946')).toBeNull();
  });

  it('refuses bad schemes, embedded credentials and literal private hosts in URLs', () => {
    expect(guard.checkUrlSyntax('ftp://example.com/x')).toBe('scheme');
    expect(guard.checkUrlSyntax('http://user:pw@example.com/')).toBe('credentials');
    expect(guard.checkUrlSyntax('http://127.0.0.1:8080/hook')).toBe('loopback');
    expect(guard.checkUrlSyntax('http://10.0.0.5/hook')).toBe('private');
    expect(guard.checkUrlSyntax('http://[::1]:9000/')).toBe('loopback');
    expect(guard.checkUrlSyntax('http://169.254.169.254/latest/meta-data')).toBe('metadata');
    expect(new EgressGuard({ httpsOnly: true }).checkUrlSyntax('http://example.com')).toBe(
      'scheme',
    );
  });

  it('refuses a host name that resolves to a private address', async () => {
    await expect(guard.assertAllowed('http://localhost:1234/x')).rejects.toBeInstanceOf(
      EgressRefusedError,
    );
    const err = await guard.assertAllowed('http://localhost:1234/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressRefusedError);
    expect((err as EgressRefusedError).reason).toBe('loopback');
    expect((err as EgressRefusedError).code).toBe('VALIDATION_ERROR');
  });

  it('honours the allow-list of subnets', async () => {
    const allowLocal = EgressGuard.fromConfig('127.0.0.0/8, ::1/128');
    expect(allowLocal.checkAddress('127.0.0.1')).toBeNull();
    expect(allowLocal.checkAddress('::1')).toBeNull();
    expect(allowLocal.checkAddress('10.0.0.1')).toBe('private');
    await expect(allowLocal.assertAllowed('http://localhost:9/')).resolves.toBeUndefined();
  });

  describe('at connect time (after DNS)', () => {
    let server: http.Server;
    let port: number;
    beforeAll(async () => {
      server = http.createServer((_req, res) => res.end('ok'));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('refuses to connect to a name that resolves to loopback, even if the URL was never checked', async () => {
      const dispatcher = guard.dispatcher();
      const err = await fetch(`http://localhost:${port}/`, { dispatcher }).catch((e: unknown) => e);
      expect((err as Error).message).toBe('fetch failed');
      expect(String((err as Error & { cause?: unknown }).cause)).toMatch(
        /refused: it points at a loopback address/,
      );
      await dispatcher.close();
    });

    it('refuses literal private addresses at connect time', async () => {
      const dispatcher = guard.dispatcher();
      const err = await fetch(`http://127.0.0.1:${port}/`, { dispatcher }).catch((e: unknown) => e);
      expect(String((err as Error & { cause?: unknown }).cause)).toMatch(/loopback/);
      await dispatcher.close();
    });

    it('connects when the subnet is allowed', async () => {
      const dispatcher = EgressGuard.fromConfig('127.0.0.0/8').dispatcher();
      const res = await fetch(`http://localhost:${port}/`, { dispatcher });
      expect(await res.text()).toBe('ok');
      await dispatcher.close();
    });
  });
});
