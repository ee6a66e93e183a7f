/** The response directives a shared cache acts on (RFC 9111 §5.2.2). */
export interface ResponseCacheControl {
  noStore: boolean;
  noCache: boolean;
  private: boolean;
  /** s-maxage when present (it overrides max-age for shared caches), else max-age; null if neither. */
  maxAgeSeconds: number | null;
}

const NONE: ResponseCacheControl = {
  noStore: false,
  noCache: false,
  private: false,
  maxAgeSeconds: null,
};

/** Parses `Cache-Control` leniently: unknown directives are ignored, a bad number means 0. */
export function parseCacheControl(value: string | string[] | undefined): ResponseCacheControl {
  if (value === undefined) return NONE;
  const text = Array.isArray(value) ? value.join(',') : value;
  if (text.length === 0) return NONE;
  const out = { ...NONE };
  let maxAge: number | null = null;
  let sMaxAge: number | null = null;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const arg = eq < 0 ? '' : part.slice(eq + 1).trim();
    switch (name) {
      case 'no-store':
        out.noStore = true;
        break;
      case 'no-cache':
        out.noCache = true;
        break;
      case 'private':
        out.private = true;
        break;
      case 'max-age':
        maxAge = seconds(arg);
        break;
      case 's-maxage':
        sMaxAge = seconds(arg);
        break;
      default:
        break;
    }
  }
  out.maxAgeSeconds = sMaxAge ?? maxAge;
  return out;
}

function seconds(arg: string): number {
  const n = Number.parseInt(arg.replace(/^"|"$/g, ''), 10);
  // RFC 9111 §1.2.2: an invalid delta-seconds is treated as stale.
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** Entity tags of an `If-None-Match` (weak comparison: `W/` does not matter), or '*' for any. */
export function ifNoneMatchMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  const want = opaque(etag);
  for (const raw of text.split(',')) {
    const tag = raw.trim();
    if (tag === '*') return true;
    if (tag.length > 0 && opaque(tag) === want) return true;
  }
  return false;
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
