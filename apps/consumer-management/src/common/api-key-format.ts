import { API_KEY_PREFIX } from '@portico/contracts';

const KEY_PATTERN = /^pk_live_([0-9A-HJKMNP-TV-Z]{26})_([0-9A-Za-z]{20,100})$/;

/** `key_<ULID>` + secret → `pk_live_<ULID>_<secret>`: the id is visible, so lookups go by id. */
export function formatApiKey(keyId: string, secret: string): string {
  return `${keyPrefix(keyId)}_${secret}`;
}

/** `pk_live_<ULID>`: the public part of a key, shown in lists and events. */
export function keyPrefix(keyId: string): string {
  return `${API_KEY_PREFIX}${keyId.slice('key_'.length)}`;
}

export function maskedKey(keyId: string): string {
  return `${keyPrefix(keyId)}_****`;
}

/** The key id and secret of a well-formed key; null for anything else. */
export function parseApiKey(key: string): { keyId: string; secret: string } | null {
  const m = KEY_PATTERN.exec(key);
  if (!m) return null;
  return { keyId: `key_${m[1]}`, secret: m[2]! };
}
