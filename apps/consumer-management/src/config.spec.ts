import { ConfigError, loadConfig } from '@portico/platform';
import { ConsumerManagementConfigSchema } from './config';

describe('consumer-management config', () => {
  it('requires PORTICO_SECRET_KEY in production', () => {
    expect(() => loadConfig(ConsumerManagementConfigSchema, { NODE_ENV: 'production' })).toThrow(
      ConfigError,
    );
    const key = Buffer.alloc(32, 3).toString('base64');
    const cfg = loadConfig(ConsumerManagementConfigSchema, {
      NODE_ENV: 'production',
      PORTICO_SECRET_KEY: key,
    });
    expect(cfg.PORTICO_SECRET_KEY).toBe(key);
    expect(cfg.OAUTH_ISSUER).toBe('http://127.0.0.1:3002');
  });

  it('refuses secret keys shorter than 32 bytes and allows none in development', () => {
    try {
      loadConfig(ConsumerManagementConfigSchema, {
        PORTICO_SECRET_KEY: Buffer.alloc(16).toString('base64'),
      });
      throw new Error('expected a failure');
    } catch (e) {
      expect((e as ConfigError).problems[0]!.name).toBe('PORTICO_SECRET_KEY');
    }
    expect(loadConfig(ConsumerManagementConfigSchema, {}).PORTICO_SECRET_KEY).toBeUndefined();
  });
});
