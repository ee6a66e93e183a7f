import {
  DEFAULT_SERVICE_PORTS,
  StaticDiscovery,
  parseStaticServices,
  staticServicesWithDefaults,
} from './static-discovery';

describe('parseStaticServices', () => {
  it('reads names with one or more host:port or URL targets', () => {
    expect(
      parseStaticServices(
        'registry=10.0.0.5:3001|10.0.0.6:3001, analytics=http://analytics.internal:9000,hooks=https://hooks.example',
      ),
    ).toEqual({
      registry: ['http://10.0.0.5:3001', 'http://10.0.0.6:3001'],
      analytics: ['http://analytics.internal:9000'],
      hooks: ['https://hooks.example:443'],
    });
  });

  it('accepts IPv6 literals, a trailing slash and stray whitespace or commas', () => {
    expect(parseStaticServices(' a = [::1]:3001 | http://[fe80::1]:8080/ ,, ')).toEqual({
      a: ['http://[::1]:3001', 'http://[fe80::1]:8080'],
    });
  });

  it('gives {} for an unset or blank spec', () => {
    expect(parseStaticServices(undefined)).toEqual({});
    expect(parseStaticServices('  ')).toEqual({});
  });

  it.each([
    ['registry', /not of the form name=host:port/],
    ['registry=', /has no address/],
    ['registry=localhost', /cannot read 'localhost' for service 'registry'.*expected host:port/],
    ['registry=localhost:99999', /port out of range/],
    ['registry=ftp://host:21', /unsupported scheme/],
    ['registry=http://host:3001/api', /only scheme, host and port/],
    ['registry=http://host:3001?x=1', /only scheme, host and port/],
    ['bad name=host:1', /not a valid service name/],
    ['a=h:1,a=h:2', /listed twice/],
  ])('rejects %j with a clear message', (spec, message) => {
    expect(() => parseStaticServices(spec)).toThrow(message);
    expect(() => parseStaticServices(spec)).toThrow(/PORTICO_STATIC_SERVICES/);
  });
});

describe('staticServicesWithDefaults', () => {
  it('puts every app on 127.0.0.1 at its default port', () => {
    const services = staticServicesWithDefaults(undefined);
    expect(services).toEqual({
      gateway: ['http://127.0.0.1:8080'],
      registry: ['http://127.0.0.1:3001'],
      'consumer-management': ['http://127.0.0.1:3002'],
      analytics: ['http://127.0.0.1:3003'],
      'webhook-dispatcher': ['http://127.0.0.1:3004'],
      'integration-connectors': ['http://127.0.0.1:3005'],
    });
    expect(Object.keys(DEFAULT_SERVICE_PORTS)).toHaveLength(6);
  });

  it('lets the spec override a default and add new names', () => {
    const services = staticServicesWithDefaults('registry=10.1.1.1:4000|10.1.1.2:4000,billing=b:1');
    expect(services.registry).toEqual(['http://10.1.1.1:4000', 'http://10.1.1.2:4000']);
    expect(services.billing).toEqual(['http://b:1']);
    expect(services.gateway).toEqual(['http://127.0.0.1:8080']);
  });
});

describe('StaticDiscovery', () => {
  const discovery = () =>
    new StaticDiscovery({
      registry: ['http://10.0.0.6:3001', '10.0.0.5:3001'],
      tagged: [{ address: '::1', port: 9000, id: 'tagged-1', tags: ['v1'], meta: { zone: 'a' } }],
    });

  it('resolves every listed instance as healthy, in a stable order', async () => {
    const d = discovery();
    expect(d.mode).toBe('static');
    const instances = await d.resolve('registry');
    expect(instances).toEqual([
      {
        id: 'registry@10.0.0.5:3001',
        service: 'registry',
        address: '10.0.0.5',
        port: 3001,
        url: 'http://10.0.0.5:3001',
        tags: [],
        meta: {},
        healthy: true,
      },
      expect.objectContaining({
        id: 'registry@10.0.0.6:3001',
        url: 'http://10.0.0.6:3001',
        healthy: true,
      }),
    ]);
    expect(await d.resolve('tagged')).toEqual([
      expect.objectContaining({
        id: 'tagged-1',
        url: 'http://[::1]:9000',
        tags: ['v1'],
        meta: { zone: 'a' },
      }),
    ]);
  });

  it('answers [] for an unknown service', async () => {
    expect(await discovery().resolve('nope')).toEqual([]);
  });

  it('hands out copies of the list and frozen instances, so callers cannot corrupt it', async () => {
    const d = discovery();
    const first = await d.resolve('registry');
    first.pop();
    expect(await d.resolve('registry')).toHaveLength(2);
    expect(() => {
      (first[0] as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('notifies a subscriber once with the instances, unless it unsubscribed first', async () => {
    const d = discovery();
    const seen: number[] = [];
    d.subscribe('registry', (i) => seen.push(i.length));
    const off = d.subscribe('registry', () => seen.push(-1));
    off();
    await Promise.resolve();
    expect(seen).toEqual([2]);
  });

  it('refuses duplicates and work after close', async () => {
    expect(() => new StaticDiscovery({ a: ['h:1', 'http://h:1'] })).toThrow(/same instance twice/);
    const d = discovery();
    await d.close();
    await expect(d.resolve('registry')).rejects.toThrow(/closed/);
  });
});
