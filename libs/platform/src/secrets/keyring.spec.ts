import { z } from 'zod';
import {
  SecretKeyConfigSchema,
  SecretKeyring,
  digestsEqual,
  requireSecretKeyInProduction,
} from './keyring';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('SecretKeyring', () => {
  it('derives a different subkey per purpose and per master key', () => {
    const a = SecretKeyring.fromConfig(KEY);
    const b = SecretKeyring.fromConfig(Buffer.alloc(32, 8).toString('base64'));
    expect(a.subkey('x').equals(a.subkey('x'))).toBe(true);
    expect(a.subkey('x').equals(a.subkey('y'))).toBe(false);
    expect(a.subkey('x').equals(b.subkey('x'))).toBe(false);
    expect(a.development).toBe(false);
    const warnings: string[] = [];
    const dev = SecretKeyring.fromConfig(undefined, () => warnings.push('dev'));
    expect(dev.development).toBe(true);
    expect(warnings).toEqual([]);
    dev.subkey('a');
    dev.subkey('b');
    expect(warnings).toEqual(['dev']);
  });

  it('seals and opens, bound to the associated data and the purpose', () => {
    const ring = SecretKeyring.fromConfig(KEY);
    const box = ring.box('webhooks/endpoint-secrets');
    const sealed = box.seal('whsec_abc', 'whe_1');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed, 'whe_1')).toBe('whsec_abc');
    expect(() => box.open(sealed, 'whe_2')).toThrow();
    expect(() => ring.box('other').open(sealed, 'whe_1')).toThrow();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => box.open(tampered, 'whe_1')).toThrow();
    expect(box.seal('same', 'r')).not.toBe(box.seal('same', 'r'));
  });

  it('MACs per purpose and compares digests in constant time', () => {
    const ring = SecretKeyring.fromConfig(KEY);
    const mac = ring.mac('consumer-management/api-key-hmac');
    expect(digestsEqual(mac('k.s'), mac('k.s'))).toBe(true);
    expect(digestsEqual(mac('k.s'), mac('k.t'))).toBe(false);
    expect(digestsEqual(mac('k.s'), ring.mac('other')('k.s'))).toBe(false);
    expect(digestsEqual(Buffer.alloc(2), Buffer.alloc(3))).toBe(false);
  });

  it('config: validates the key and requires it in production', () => {
    const schema = SecretKeyConfigSchema.extend({ NODE_ENV: z.string() }).superRefine(
      requireSecretKeyInProduction,
    );
    expect(schema.safeParse({ NODE_ENV: 'production' }).success).toBe(false);
    expect(schema.safeParse({ NODE_ENV: 'development' }).success).toBe(true);
    expect(
      schema.safeParse({ NODE_ENV: 'production', PORTICO_SECRET_KEY: 'c2hvcnQ=' }).success,
    ).toBe(false);
    expect(schema.safeParse({ NODE_ENV: 'production', PORTICO_SECRET_KEY: KEY }).success).toBe(
      true,
    );
  });
});
