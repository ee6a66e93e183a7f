import { SecretKeyring } from '@portico/platform';
import { digestsEqual, randomSecret, Secrets } from './secrets';

const ring = (fill: number) => SecretKeyring.fromConfig(Buffer.alloc(32, fill).toString('base64'));

describe('Secrets', () => {
  const secrets = new Secrets(ring(1));

  it('MACs API keys bound to their id, with a key of its own', () => {
    const a = secrets.hashApiKey('key_1', 'secret');
    expect(a).toHaveLength(32);
    expect(digestsEqual(a, secrets.hashApiKey('key_1', 'secret'))).toBe(true);
    expect(digestsEqual(a, secrets.hashApiKey('key_2', 'secret'))).toBe(false);
    expect(digestsEqual(a, secrets.hashClientSecret('key_1', 'secret'))).toBe(false);
    expect(digestsEqual(a, new Secrets(ring(2)).hashApiKey('key_1', 'secret'))).toBe(false);
  });

  it('encrypts with AES-256-GCM bound to the associated data', () => {
    const blob = secrets.encrypt(Buffer.from('private key'), 'kid1');
    expect(blob.toString('utf8')).not.toContain('private key');
    expect(secrets.decrypt(blob, 'kid1').toString()).toBe('private key');
    expect(() => secrets.decrypt(blob, 'kid2')).toThrow();
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => secrets.decrypt(tampered, 'kid1')).toThrow();
  });

  it('makes uniform base62 secrets', () => {
    const s = randomSecret(40);
    expect(s).toMatch(/^[0-9A-Za-z]{40}$/);
    expect(randomSecret(40)).not.toBe(s);
    const counts = new Map<string, number>();
    for (const ch of randomSecret(62_000)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(200);
  });
});
