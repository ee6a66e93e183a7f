import { z } from 'zod';
import {
  BaseConfigSchema,
  ConfigError,
  DatabaseConfigSchema,
  loadConfig,
  resolveDatabase,
} from './config';

const Schema = BaseConfigSchema.merge(DatabaseConfigSchema).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  REQUIRED_THING: z.string().min(1),
  OPTIONAL_THING: z.string().optional(),
});

describe('loadConfig', () => {
  it('applies defaults and coerces types', () => {
    const cfg = loadConfig(Schema, {
      REQUIRED_THING: 'x',
      TRUST_PROXY: 'true',
      BODY_LIMIT_BYTES: '2048',
    });
    expect(cfg).toMatchObject({
      PORT: 3001,
      NATS_URL: 'nats://127.0.0.1:4222',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/portico',
      TRUST_PROXY: true,
      BODY_LIMIT_BYTES: 2048,
      CONSUL_CHECK_INTERVAL: '10s',
    });
    expect(cfg.CONSUL_HTTP_ADDR).toBeUndefined();
  });

  it('lists every problem, one per variable, with what is wrong', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig(Schema, { PORT: '99999', DATABASE_URL: 'mysql://x', CONSUL_HTTP_ADDR: 'nope' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const byName = Object.fromEntries(error!.problems.map((p) => [p.name, p.problem]));
    expect(Object.keys(byName).sort()).toEqual([
      'CONSUL_HTTP_ADDR',
      'DATABASE_URL',
      'PORT',
      'REQUIRED_THING',
    ]);
    expect(byName['REQUIRED_THING']).toBe('is required but not set');
    expect(byName['DATABASE_URL']).toContain('must be a URL (postgres: or postgresql:)');
    expect(error!.lines('registry')[0]).toMatch(/^\[registry\] config error: /);
  });

  it('reports a cross-field rule on an unset variable without a made-up value', () => {
    const Strict = Schema.superRefine((c, ctx) => {
      if (c.NODE_ENV === 'production' && !c.OPTIONAL_THING) {
        ctx.addIssue({
          code: 'custom',
          path: ['OPTIONAL_THING'],
          message: 'is required in production',
        });
      }
    });
    expect(() => loadConfig(Strict, { REQUIRED_THING: 'x', NODE_ENV: 'production' })).toThrow(
      /OPTIONAL_THING is required in production$/,
    );
  });

  it('treats empty values as unset', () => {
    expect(loadConfig(Schema, { REQUIRED_THING: 'x', PORT: '' }).PORT).toBe(3001);
  });
});

describe('resolveDatabase', () => {
  const base = 'postgresql://postgres@127.0.0.1:5432/portico';
  it("uses the service's own schema on DATABASE_URL", () => {
    expect(resolveDatabase('registry', 'registry', {}, base)).toEqual({
      url: base,
      schema: 'registry',
    });
  });
  it('honours <APP>_DATABASE_URL and ?schema=', () => {
    const r = resolveDatabase(
      'consumer-management',
      'consumers',
      { CONSUMER_MANAGEMENT_DATABASE_URL: 'postgresql://u@db:5432/other?schema=tenant_a' },
      base,
    );
    expect(r).toEqual({ url: 'postgresql://u@db:5432/other', schema: 'tenant_a' });
  });
});
