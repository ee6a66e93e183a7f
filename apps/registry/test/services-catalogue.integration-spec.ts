import { ConsulClient } from '@portico/discovery';
import { ConsulDouble, waitFor } from '@portico/testing';
import { startRegistry, versionBody, type Registry } from './helpers';

describe('registry: the service catalogue', () => {
  describe('with static discovery', () => {
    let r: Registry;
    beforeAll(async () => {
      r = await startRegistry({
        PORTICO_STATIC_SERVICES: 'camera-service=127.0.0.1:7001|127.0.0.1:7002',
      });
      await r.admin.post('/api/v1/apis', { name: 'cams', title: 'Cams' });
      await r.admin.post('/api/v1/apis/cams/versions', versionBody('v1'));
      await r.admin.post(
        '/api/v1/apis/cams/versions',
        versionBody('v2', { upstream: { service: 'ghost-service' } }),
      );
    });
    afterAll(async () => {
      await r.close();
    });

    it('lists configured services, says it is static, and shows who routes to what', async () => {
      const res = await r.admin.get('/api/v1/services');
      expect(res.status).toBe(200);
      expect(res.body.data.discovery).toBe('static');
      expect(res.body.data.note).toContain('static');
      const byName = new Map(
        res.body.data.services.map((s: { name: string }) => [s.name, s] as const),
      );
      expect(byName.get('camera-service')).toMatchObject({
        healthyInstances: 2,
        instances: [
          { url: 'http://127.0.0.1:7001', healthy: true },
          { url: 'http://127.0.0.1:7002', healthy: true },
        ],
        usedBy: [{ apiName: 'cams', version: 'v1', status: 'draft' }],
      });
      // The platform's own apps are known on their default ports.
      expect(byName.get('registry')).toMatchObject({ healthyInstances: 1 });
      // A service named by a version but unknown to discovery is shown with no instances.
      expect(byName.get('ghost-service')).toMatchObject({
        instances: [],
        healthyInstances: 0,
        usedBy: [{ apiName: 'cams', version: 'v2' }],
      });
    });
  });

  describe('with Consul', () => {
    let consul: ConsulDouble;
    let r: Registry;
    beforeAll(async () => {
      consul = await ConsulDouble.start();
      const client = new ConsulClient({ addr: consul.addr });
      for (const [id, port] of [
        ['camera-service-1', 7101],
        ['camera-service-2', 7102],
      ] as const) {
        await client.register({
          ID: id,
          Name: 'camera-service',
          Address: '127.0.0.1',
          Port: port,
          // A check that passes (the double answers it); the test then forces one instance down.
          Check: { HTTP: `${consul.addr}/v1/status/leader`, Interval: '100ms' },
        });
      }
      r = await startRegistry({ CONSUL_HTTP_ADDR: consul.addr, CONSUL_CHECK_INTERVAL: '100ms' });
    });
    afterAll(async () => {
      await r?.close();
      await consul.stop();
    });

    it('lists every registered service with each instance and its health', async () => {
      consul.setCheckStatus('camera-service-2', 'critical');
      const res = await waitFor(
        async () => {
          const got = await r.admin.get('/api/v1/services');
          return got.body.data?.services?.some((s: { name: string }) => s.name === 'registry')
            ? got
            : undefined;
        },
        { what: 'the registry to register itself in Consul' },
      );
      expect(res.body.data.discovery).toBe('consul');
      expect(res.body.data.note).toBeUndefined();
      const cams = res.body.data.services.find(
        (s: { name: string }) => s.name === 'camera-service',
      );
      expect(cams.healthyInstances).toBe(1);
      expect(
        cams.instances.map((i: { id: string; healthy: boolean }) => [i.id, i.healthy]),
      ).toEqual([
        ['camera-service-1', true],
        ['camera-service-2', false],
      ]);
    });
  });
});
