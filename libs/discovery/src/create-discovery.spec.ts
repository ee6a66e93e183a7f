import type { LoggerLike } from '@portico/contracts';
import { ConsulDiscovery } from './consul-discovery';
import { createDiscovery } from './create-discovery';
import { StaticDiscovery } from './static-discovery';

function recordingLogger() {
  const lines: Array<{ level: string; obj: unknown; msg?: string }> = [];
  const at =
    (level: string) =>
    (obj: object | string, msg?: string): void => {
      lines.push({ level, obj, msg });
    };
  const logger: LoggerLike = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines };
}

describe('createDiscovery', () => {
  it('is static without a Consul address and says why in exactly one info line', async () => {
    const { logger, lines } = recordingLogger();
    const d = createDiscovery({ staticServices: 'registry=10.0.0.9:3001', logger });
    expect(d.mode).toBe('static');
    expect(d).toBeInstanceOf(StaticDiscovery);
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe('info');
    expect(lines[0].msg).toContain('static because CONSUL_HTTP_ADDR is not set');
    expect(lines[0].msg).toContain('registry=http://10.0.0.9:3001');
    expect(lines[0].msg).toContain('gateway=http://127.0.0.1:8080');
    expect(await d.resolve('registry')).toEqual([
      expect.objectContaining({ url: 'http://10.0.0.9:3001' }),
    ]);
    expect(await d.resolve('analytics')).toEqual([
      expect.objectContaining({ url: 'http://127.0.0.1:3003' }),
    ]);
    await d.close();
  });

  it('treats a blank address as unset', () => {
    expect(createDiscovery({ consulAddr: '  ' }).mode).toBe('static');
  });

  it('fails on a malformed PORTICO_STATIC_SERVICES instead of guessing', () => {
    expect(() => createDiscovery({ staticServices: 'registry=nohost' })).toThrow(
      /PORTICO_STATIC_SERVICES/,
    );
  });

  it('uses Consul when an address is set, without the static line and without contacting it yet', async () => {
    const { logger, lines } = recordingLogger();
    const d = createDiscovery({ consulAddr: '127.0.0.1:1', consulToken: 'secret', logger });
    expect(d.mode).toBe('consul');
    expect(d).toBeInstanceOf(ConsulDiscovery);
    expect(lines.some((l) => l.msg?.includes('static'))).toBe(false);
    expect(JSON.stringify(lines)).not.toContain('secret');
    await d.close();
  });
});
