import { randomBytes } from 'node:crypto';
import { type SecretBox, SecretKeyring } from '@portico/platform';

export { digestsEqual } from '@portico/platform';

/**
 * What this service does with PORTICO_SECRET_KEY, each under its own subkey of the platform's
 * keyring: API keys and client secrets are stored only as MACs bound to their id; token signing
 * keys are encrypted.
 */
export class Secrets {
  private readonly apiKeyMac: (data: string) => Buffer;
  private readonly clientSecretMac: (data: string) => Buffer;
  private readonly signingKeys: SecretBox;

  constructor(keyring: SecretKeyring) {
    this.apiKeyMac = keyring.mac('consumer-management/api-key-hmac');
    this.clientSecretMac = keyring.mac('consumer-management/client-secret-hmac');
    this.signingKeys = keyring.box('consumer-management/signing-key-encryption');
  }

  /** The stored form of an API key secret, bound to its key id. */
  hashApiKey(keyId: string, secret: string): Buffer {
    return this.apiKeyMac(`${keyId}.${secret}`);
  }

  hashClientSecret(clientId: string, secret: string): Buffer {
    return this.clientSecretMac(`${clientId}.${secret}`);
  }

  /** AES-256-GCM; `aad` binds the ciphertext to its row (the key id). */
  encrypt(plaintext: Buffer, aad: string): Buffer {
    return this.signingKeys.sealBytes(plaintext, aad);
  }

  decrypt(blob: Buffer, aad: string): Buffer {
    return this.signingKeys.openBytes(blob, aad);
  }
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A random string of `length` base62 characters (~5.95 bits each). Bytes of 248 and above are
 * skipped so every character is equally likely.
 */
export function randomSecret(length = 40): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= 248) continue;
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
