import type { LoggerLike } from '@portico/contracts';
import type { ConsulServiceDefinition } from './consul-client';
import { ConsulError } from './consul-client';
import { ServiceRegistration } from './service-registration';

function fakeClient() {
  const registered = new Map<string, ConsulServiceDefinition>();
  const calls: string[] = [];
  return {
    registered,
    calls,
    async register(def: ConsulServiceDefinition) {
      calls.push(`register ${def.ID}`);
      registered.set(def.ID, def);
    },
    async deregister(id: string) {
      calls.push(`deregister ${id}`);
      registered.delete(id);
    },
  };
}

const quiet: LoggerLike = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

describe('ServiceRegistration', () => {
  it("registers the documented Consul body with an HTTP check on the app's readiness endpoint", async () => {
    const client = fakeClient();
    const reg = new ServiceRegistration(
      client,
      {
        name: 'registry',
        address: '10.0.0.7',
        port: 3001,
        tags: ['v0.1.0'],
        meta: { version: '0.1.0' },
      },
      quiet,
    );
    await reg.register();
    expect(reg.id).toBe('registry-10.0.0.7-3001');
    expect(client.registered.get(reg.id)).toEqual({
      ID: 'registry-10.0.0.7-3001',
      Name: 'registry',
      Tags: ['v0.1.0'],
      Address: '10.0.0.7',
      Port: 3001,
      Meta: { version: '0.1.0' },
      Check: {
        Name: 'registry readiness',
        HTTP: 'http://10.0.0.7:3001/health/ready',
        Interval: '10s',
        Timeout: '5s',
        DeregisterCriticalServiceAfter: '1m',
      },
    });
  });

  it('takes an explicit id, check path and timings, and brackets IPv6 in the check URL', () => {
    const reg = new ServiceRegistration(fakeClient(), {
      name: 'gateway',
      id: 'gw-1',
      address: '::1',
      port: 8080,
      checkPath: 'ready',
      checkInterval: '1s',
      checkTimeout: '500ms',
      deregisterCriticalServiceAfter: '30s',
    });
    expect(reg.definition.ID).toBe('gw-1');
    expect(reg.definition.Check).toEqual({
      Name: 'gateway readiness',
      HTTP: 'http://[::1]:8080/ready',
      Interval: '1s',
      Timeout: '500ms',
      DeregisterCriticalServiceAfter: '30s',
    });
  });

  it('is idempotent both ways', async () => {
    const client = fakeClient();
    const reg = new ServiceRegistration(client, { name: 'a', address: 'h', port: 1 });
    await reg.deregister(); // never registered: nothing to do
    await reg.register();
    await reg.register();
    expect(client.registered.size).toBe(1);
    await reg.deregister();
    await reg.deregister();
    expect(client.registered.size).toBe(0);
    expect(client.calls).toEqual(['register a-h-1', 'register a-h-1', 'deregister a-h-1']);
    expect(reg.isRegistered).toBe(false);
  });

  it('reports a failed registration and stays unregistered', async () => {
    const client = {
      register: async () => {
        throw new ConsulError('Consul answered 400', 400);
      },
      deregister: jest.fn(async () => undefined),
    };
    const reg = new ServiceRegistration(client, { name: 'a', address: 'h', port: 1 });
    await expect(reg.register()).rejects.toBeInstanceOf(ConsulError);
    await reg.deregister();
    expect(client.deregister).not.toHaveBeenCalled();
  });

  it('validates what it is given', () => {
    expect(
      () => new ServiceRegistration(fakeClient(), { name: '', address: 'h', port: 1 }),
    ).toThrow(/name/);
    expect(
      () => new ServiceRegistration(fakeClient(), { name: 'a', address: '', port: 1 }),
    ).toThrow(/address/);
    expect(
      () => new ServiceRegistration(fakeClient(), { name: 'a', address: 'h', port: 0 }),
    ).toThrow(/port/);
  });
});
