import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { z } from 'zod';

/**
 * The development fallback for PORTICO_SECRET_KEY. It is public (it is right here), so whatever it
 * protects is not protected: production refuses to start without a real key, elsewhere apps warn.
 */
const DEVELOPMENT_SECRET = 'portico-development-secret-key-never-use-in-production';

const base64Key = z
  .string()
  .refine((v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length >= 32, {
    message: 'must be base64 of at least 32 bytes (openssl rand -base64 32)',
  });

/** Config of apps that hash or encrypt secrets: merge it into the app's schema. */
export const SecretKeyConfigSchema = z.object({ PORTICO_SECRET_KEY: base64Key.optional() });

/** Use in the app schema's superRefine: production must not fall back to the public dev key. */
export function requireSecretKeyInProduction(
  c: { NODE_ENV?: string; PORTICO_SECRET_KEY?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (c.NODE_ENV === 'production' && !c.PORTICO_SECRET_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['PORTICO_SECRET_KEY'],
      message: 'is required in production (base64 of at least 32 bytes)',
    });
  }
}

/**
 * Everything derived from PORTICO_SECRET_KEY. Each purpose (an HKDF `info` label such as
 * 'webhooks/endpoint-secrets') gets its own subkey, so a key that MACs API keys never encrypts
 * anything and one purpose's ciphertexts never open under another.
 */
export class SecretKeyring {
  private warned = false;

  /** Use `fromConfig`; public only so the class can be a Nest injection token. */
  constructor(
    private readonly master: Buffer,
    readonly development: boolean,
    private readonly onDevelopmentKeyUse?: () => void,
  ) {}

  /** `onDevelopmentKeyUse` runs once, when something first derives a key from the dev fallback. */
  static fromConfig(value: string | undefined, onDevelopmentKeyUse?: () => void): SecretKeyring {
    if (value) return new SecretKeyring(Buffer.from(value, 'base64'), false);
    const master = createHash('sha256').update(DEVELOPMENT_SECRET).digest();
    return new SecretKeyring(master, true, onDevelopmentKeyUse);
  }

  subkey(purpose: string): Buffer {
    if (this.development && !this.warned) {
      this.warned = true;
      this.onDevelopmentKeyUse?.();
    }
    return Buffer.from(hkdfSync('sha256', this.master, 'portico', purpose, 32));
  }

  /** AES-256-GCM under the purpose's subkey. */
  box(purpose: string): SecretBox {
    return new SecretBox(this.subkey(purpose));
  }

  /** HMAC-SHA-256 under the purpose's subkey: how secrets that are only verified are stored. */
  mac(purpose: string): (data: string) => Buffer {
    const key = this.subkey(purpose);
    return (data) => createHmac('sha256', key).update(data).digest();
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/**
 * Authenticated encryption for secrets at rest. A random 96-bit IV per value; the associated data
 * binds a ciphertext to its row (e.g. tenant and id), so a value copied to another row does not
 * decrypt. Opening a tampered value, one sealed for another row or under another key throws.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {}

  /** As bytes: iv | tag | ciphertext. */
  sealBytes(plaintext: Buffer, associatedData: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]);
  }

  openBytes(sealed: Buffer, associatedData: string): Buffer {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('Unrecognised sealed value.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  }

  /** As text for text columns: `v1.<base64url of iv|tag|ciphertext>`. */
  seal(plaintext: string, associatedData: string): string {
    return `${VERSION}.${this.sealBytes(Buffer.from(plaintext, 'utf8'), associatedData).toString('base64url')}`;
  }

  open(sealed: string, associatedData: string): string {
    const [version, body] = sealed.split('.');
    if (version !== VERSION || !body) throw new Error('Unrecognised sealed value.');
    return this.openBytes(Buffer.from(body, 'base64url'), associatedData).toString('utf8');
  }
}

/** Constant-time equality of two digests (a length mismatch is simply "not equal"). */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

export const DEVELOPMENT_KEY_WARNING =
  '!!! PORTICO_SECRET_KEY is not set: stored secrets are protected by a PUBLIC development key. Set PORTICO_SECRET_KEY (base64 of 32+ random bytes) before storing anything real. !!!';
