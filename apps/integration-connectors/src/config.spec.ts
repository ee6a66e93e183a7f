import { ConfigError, loadConfig } from '@portico/platform';
import { IntegrationConnectorsConfigSchema } from './config';

describe('integration-connectors config', () => {
  it('requires PORTICO_SECRET_KEY in production', () => {
    let err: unknown;
    try {
      loadConfig(IntegrationConnectorsConfigSchema, { NODE_ENV: 'production' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.map((p) => p.name)).toEqual(['PORTICO_SECRET_KEY']);
  });

  it('accepts base64 of 32 bytes and refuses shorter or malformed keys', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(
      loadConfig(IntegrationConnectorsConfigSchema, {
        NODE_ENV: 'production',
        PORTICO_SECRET_KEY: key,
      }).PORTICO_SECRET_KEY,
    ).toBe(key);
    for (const bad of [Buffer.alloc(16, 1).toString('base64'), 'not base64 at all!!']) {
      expect(() =>
        loadConfig(IntegrationConnectorsConfigSchema, { PORTICO_SECRET_KEY: bad }),
      ).toThrow(ConfigError);
    }
  });

  it('runs without a key outside production (the app then warns)', () => {
    expect(loadConfig(IntegrationConnectorsConfigSchema, {}).PORTICO_SECRET_KEY).toBeUndefined();
  });
});
