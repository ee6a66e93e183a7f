import {
  brotliCompress,
  constants,
  createBrotliCompress,
  createGzip,
  gzip,
  type BrotliCompress,
  type Gzip,
} from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const COMPRESSIBLE =
  /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded|graphql|problem\+json|[a-z.+-]*\+(json|xml))|image\/svg\+xml)/i;

/**
 * Compress when the client accepts it, the upstream did not already encode the body, the content
 * type is worth it and the body is not known to be tiny.
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  method: string,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  minBytes: number,
): Encoding | null {
  if (!acceptEncoding || method === 'HEAD' || status < 200 || status === 204 || status === 304)
    return null;
  if (headers['content-encoding'] !== undefined) return null;
  const type = headers['content-type'];
  if (typeof type !== 'string' || !COMPRESSIBLE.test(type)) return null;
  const length = headers['content-length'];
  if (typeof length === 'string' && Number(length) < minBytes) return null;
  const cc = headers['cache-control'];
  if (typeof cc === 'string' && cc.includes('no-transform')) return null;
  return pickAccepted(acceptEncoding);
}

/** br over gzip, honouring `q=0` refusals. */
export function pickAccepted(acceptEncoding: string): Encoding | null {
  let gzip = false;
  let br = false;
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName!.trim().toLowerCase();
    const q = params.find((p) => p.trim().startsWith('q='));
    if (q && Number(q.trim().slice(2)) === 0) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === '*') gzip = true;
  }
  return br ? 'br' : gzip ? 'gzip' : null;
}

/** Quality 4 brotli: most of the ratio for a fraction of the CPU of the default 11. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };
const GZIP = { level: 5 };

export function createCompressor(encoding: Encoding): BrotliCompress | Gzip {
  return encoding === 'br' ? createBrotliCompress(BROTLI) : createGzip(GZIP);
}

/** The whole body at once (cached answers), with the same settings as the streams. */
export function compressBuffer(
  encoding: Encoding,
  body: Buffer,
  done: (err: Error | null, out: Buffer) => void,
): void {
  if (encoding === 'br') brotliCompress(body, BROTLI, done);
  else gzip(body, GZIP, done);
}
