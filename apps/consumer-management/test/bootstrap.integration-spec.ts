import { createTestSchema, startTestApp, type TestSchema } from '@portico/testing';
import { consumerManagementService } from '../src/service';
import { SECRET_KEY } from './support';

const KEY_LINE = /^\s+(pk_live_\S+)$/m;

describe('bootstrap: default tenant and the first admin key', () => {
  let schema: TestSchema;
  let printed: string[];
  let spy: jest.SpyInstance;

  beforeAll(async () => {
    schema = await createTestSchema('consumers');
  });
  beforeEach(() => {
    printed = [];
    const write = process.stdout.write.bind(process.stdout);
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any, ...rest: any[]) => {
      printed.push(String(chunk));
      return write(chunk, ...rest);
    });
  });
  afterEach(() => spy.mockRestore());
  afterAll(() => schema.drop());

  const start = () =>
    startTestApp(consumerManagementService, {
      DATABASE_URL: schema.url,
      PORTICO_SECRET_KEY: SECRET_KEY,
      PORTICO_BOOTSTRAP_ADMIN_KEY: undefined,
    });

  it('prints an admin key on the first start only; the key keeps working', async () => {
    const first = await start();
    let key: string;
    try {
      await first.waitUntilReady();
      const match = KEY_LINE.exec(printed.join(''));
      expect(match).not.toBeNull();
      key = match![1]!;
      const me = await first.client.get('/api/v1/users/me', { headers: { 'x-api-key': key } });
      expect(me.status).toBe(200);
      expect(me.body.data).toMatchObject({
        id: 'usr_bootstrap',
        tenantId: 'ten_default',
        role: 'admin',
      });
      // The key is not in the logs either.
      expect(JSON.stringify(first.logs)).not.toContain(key);
    } finally {
      await first.close();
    }

    printed.length = 0;
    const second = await start();
    try {
      await second.waitUntilReady();
      expect(printed.join('')).not.toMatch(/pk_live_/);
      const me = await second.client.get('/api/v1/users/me', { headers: { 'x-api-key': key } });
      expect(me.status).toBe(200);
      const tenants = await second.client.get('/api/v1/tenants', {
        headers: { 'x-api-key': key },
      });
      expect(tenants.body.data).toEqual([expect.objectContaining({ id: 'ten_default' })]);
    } finally {
      await second.close();
    }
  });
});
