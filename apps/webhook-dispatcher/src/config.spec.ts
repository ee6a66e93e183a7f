import { ConfigError, loadConfig } from '@portico/platform';
import { WebhookDispatcherConfigSchema } from './config';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(WebhookDispatcherConfigSchema, env);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

describe('webhook-dispatcher config', () => {
  it('requires PORTICO_SECRET_KEY in production only', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      { name: 'PORTICO_SECRET_KEY', problem: expect.stringContaining('required in production') },
    ]);
    expect(problems({ NODE_ENV: 'development' })).toEqual([]);
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(problems({ NODE_ENV: 'production', PORTICO_SECRET_KEY: key })).toEqual([]);
  });

  it('refuses short secret keys and bad subnets', () => {
    expect(
      problems({
        PORTICO_SECRET_KEY: Buffer.alloc(16).toString('base64'),
        PORTICO_EGRESS_ALLOW_SUBNETS: '127.0.0.0/8,not-a-cidr',
      }).map((p) => p.name),
    ).toEqual(['PORTICO_SECRET_KEY', 'PORTICO_EGRESS_ALLOW_SUBNETS']);
  });

  it('defaults to 5 days before disabling a failing endpoint and 30 days of history', () => {
    const c = loadConfig(WebhookDispatcherConfigSchema, {});
    expect(c.WEBHOOK_DISABLE_AFTER_HOURS).toBe(120);
    expect(c.WEBHOOK_RETENTION_DAYS).toBe(30);
    expect(c.WEBHOOK_HTTPS_ONLY).toBe(false);
  });
});
