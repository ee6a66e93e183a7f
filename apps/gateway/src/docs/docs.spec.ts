import { gzipSync } from 'node:zlib';
import type { GatewayConfig } from '../config';
import { publicUrl } from './public-url';
import { render } from './render';
import { packageJsonOfTarball } from './sdk-package.service';

const config = (url?: string) => ({ GATEWAY_PUBLIC_URL: url }) as GatewayConfig;

describe('publicUrl', () => {
  it('prefers the configured URL, without a trailing slash', () => {
    expect(publicUrl(config('https://api.example.com/'), { protocol: 'http', hostname: 'x' })).toBe(
      'https://api.example.com',
    );
  });

  it("uses the request's scheme and host, and refuses hosts that are not plain names", () => {
    expect(
      publicUrl(config(), { protocol: 'https', host: 'gw.local:8443', hostname: 'gw.local' }),
    ).toBe('https://gw.local:8443');
    expect(publicUrl(config(), { protocol: 'http', host: '[::1]:8080', hostname: '::1' })).toBe(
      'http://[::1]:8080',
    );
    for (const host of ['evil.com/"><script>', 'a b', 'x@y']) {
      expect(publicUrl(config(), { protocol: 'http', host, hostname: host })).toBe(
        'http://localhost',
      );
    }
  });
});

describe('render', () => {
  it('escapes the document URL in the HTML page', () => {
    const page = render({}, 'html', { title: '<t>', documentUrl: '/d?a="b"&c' });
    expect(page.body).toContain('data-url="/d?a=&#34;b&#34;&#38;c"');
    expect(page.body).toContain('<title>&#60;t&#62;</title>');
  });
});

/** A one-file ustar archive, gzip'd. */
function tgz(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('ustar\0', 257);
  const body = Buffer.alloc(Math.ceil(content.length / 512) * 512);
  body.write(content);
  return gzipSync(Buffer.concat([header, body, Buffer.alloc(1024)]));
}

describe('packageJsonOfTarball', () => {
  it('finds package/package.json, and nothing in an archive without one', () => {
    expect(packageJsonOfTarball(tgz('package/package.json', '{"name":"x"}'))).toBe('{"name":"x"}');
    expect(packageJsonOfTarball(tgz('package/README.md', 'hi'))).toBeUndefined();
  });
});
