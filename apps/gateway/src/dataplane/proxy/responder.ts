import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { ErrorCode, errorEnvelope, type ErrorDetail } from '@portico/contracts';
import { toErrorResponse } from '@portico/platform';
import type { CachedResponse, ResponseCache, UpstreamResponse } from '../../pipeline/contracts';
import type { Log } from '../logger';
import { applyHeaderOps } from '../routing/compiled-route';
import { chooseEncoding, compressBuffer, createCompressor, type Encoding } from './compression';
import type { Exchange } from './exchange';
import { appendToken, forwardResponseHeaders } from './http-headers';

type Headers = Record<string, string | string[]>;
type PlatformLogger = Parameters<typeof toErrorResponse>[2];

const JSON_TYPE = 'application/json; charset=utf-8';
/** Bodies up to this size (by Content-Length) are relayed in one write with the headers. */
const SMALL_BODY_BYTES = 64 * 1024;

function noop(): void {}

/**
 * Stage header names (`RateLimit-Limit` ...) in lower case. They are a handful of constants, but
 * toLowerCase() makes a new string per call: 4 per request with rate limits, ~0.45 µs measured.
 * Bounded in case a stage ever builds names dynamically.
 */
const LOWER = new Map<string, string>();

function lower(name: string): string {
  let v = LOWER.get(name);
  if (v === undefined) {
    v = name.toLowerCase();
    if (LOWER.size < 64) LOWER.set(name, v);
  }
  return v;
}

/**
 * The response side of the hot path: relays an upstream answer (response transforms, gateway
 * headers, compression, cache fill), serves cache hits and writes the gateway's own error answers
 * in the standard envelope.
 */
export class Responder {
  /** Compressed bodies of cache entries (at most one per encoding; gone with the entry). */
  private readonly encodedHits = new WeakMap<CachedResponse, Partial<Record<Encoding, Buffer>>>();

  constructor(
    private readonly cache: ResponseCache | undefined,
    private readonly logger: Log,
    private readonly compressionMinBytes: number,
  ) {}

  respond(x: Exchange, req: IncomingMessage, res: ServerResponse, r: UpstreamResponse): void {
    x.upstreamInstance = r.instance;
    x.upstreamLatencyMs = r.latencyMs;
    // Whatever happens to the body from here, its errors must not go unhandled.
    r.body.on('error', noop);
    if (res.destroyed) {
      r.body.destroy();
      return;
    }
    const h = forwardResponseHeaders(r.headers);
    const route = x.route;
    if (route?.responseHeaders) applyHeaderOps(h, route.responseHeaders);
    // The cache decides by status and Cache-Control what it keeps; HEAD answers have no body to keep.
    const storeHeaders = x.cacheKey !== null && x.method === 'GET' ? { ...h } : null;
    this.decorate(x, h);
    x.status = r.status;
    if (x.method === 'HEAD' || r.status === 204 || r.status === 304) {
      res.writeHead(r.status, h);
      res.end();
      r.body.resume();
      return;
    }
    const enc = chooseEncoding(
      req.headers['accept-encoding'] as string | undefined,
      x.method,
      r.status,
      h,
      this.compressionMinBytes,
    );
    if (enc) compressed(h, enc);
    res.writeHead(r.status, h);
    const collected: Buffer[] | null = storeHeaders ? [] : null;
    x.source = r.body;
    const length = h['content-length'];
    if (!enc && typeof length === 'string' && Number(length) <= SMALL_BODY_BYTES) {
      this.relaySmall(x, res, r, collected, storeHeaders);
      return;
    }
    if (collected) r.body.on('data', (c: Buffer) => collected.push(c));
    let source: Readable = r.body;
    if (enc) {
      const z = createCompressor(enc);
      z.on('error', noop);
      // Abandoned (client gone, upstream failed): the compressor goes with the body.
      r.body.once('close', () => {
        if (!z.writableEnded) z.destroy();
      });
      source = r.body.pipe(z);
    }
    // Hand-rolled pump: stream.pipeline costs an AbortController (and a DOMException) per request.
    source.on('data', (chunk: Buffer) => {
      x.bytesOut += chunk.length;
      if (!res.write(chunk)) {
        source.pause();
        res.once('drain', () => source.resume());
      }
    });
    source.once('end', () => {
      res.end();
      if (collected && storeHeaders)
        this.store(x, r.status, storeHeaders, Buffer.concat(collected));
    });
    source.once('error', () => {
      x.errorCode ??= ErrorCode.UPSTREAM_UNAVAILABLE;
      res.destroy();
    });
  }

  /** Fills the cache after the answer went out; a failing cache must not take the process down. */
  private store(x: Exchange, status: number, headers: Headers, body: Buffer): void {
    try {
      this.cache!.store(x.cacheKey!, x.gw!, status, headers, body);
    } catch (err) {
      this.logger.error({ err, requestId: x.requestId }, 'storing a response in the cache failed');
    }
  }

  /**
   * A small body of known length is gathered and written with the headers in one go: one write to
   * the socket per response instead of one per chunk plus one for the end.
   */
  private relaySmall(
    x: Exchange,
    res: ServerResponse,
    r: UpstreamResponse,
    collected: Buffer[] | null,
    storeHeaders: Headers | null,
  ): void {
    const chunks: Buffer[] = collected ?? [];
    r.body.on('data', (c: Buffer) => chunks.push(c));
    r.body.once('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      x.bytesOut = body.length;
      res.end(body);
      if (storeHeaders) this.store(x, r.status, storeHeaders, body);
    });
    r.body.once('error', () => {
      x.errorCode ??= ErrorCode.UPSTREAM_UNAVAILABLE;
      res.destroy();
    });
  }

  serveCached(
    x: Exchange,
    req: IncomingMessage,
    res: ServerResponse,
    cache: ResponseCache,
    e: CachedResponse,
  ): void {
    const h: Headers = { ...e.headers };
    h['etag'] ??= e.etag;
    this.decorate(x, h);
    if (cache.notModified(x.gw!, e)) {
      delete h['content-length'];
      delete h['content-type'];
      x.status = 304;
      res.writeHead(304, h);
      res.end();
      return;
    }
    x.status = e.status;
    const enc =
      e.body.length >= this.compressionMinBytes
        ? chooseEncoding(
            req.headers['accept-encoding'] as string | undefined,
            x.method,
            e.status,
            h,
            0,
          )
        : null;
    if (x.method === 'HEAD' || !enc) {
      h['content-length'] = String(e.body.length);
      res.writeHead(e.status, h);
      x.bytesOut = x.method === 'HEAD' ? 0 : e.body.length;
      res.end(x.method === 'HEAD' ? undefined : e.body);
      return;
    }
    const send = (out: Buffer) => {
      compressed(h, enc);
      h['content-length'] = String(out.length);
      x.bytesOut = out.length;
      res.writeHead(e.status, h);
      res.end(out);
    };
    // Compressed once per entry and encoding, not on every HIT.
    let encoded = this.encodedHits.get(e);
    const done = encoded?.[enc];
    if (done !== undefined) {
      send(done);
      return;
    }
    compressBuffer(enc, e.body, (err, out) => {
      if (err) {
        if (!res.destroyed) this.internal(x, res, err);
        return;
      }
      if (encoded === undefined) this.encodedHits.set(e, (encoded = {}));
      encoded[enc] = out;
      if (!res.destroyed) send(out);
    });
  }

  answerPreflight(x: Exchange, res: ServerResponse, cors: Record<string, string> | null): void {
    x.status = 204;
    res.writeHead(204, { 'x-request-id': x.requestId, ...(cors ?? {}) });
    res.end();
  }

  /** Headers the gateway adds to every answer of a matched route. */
  private decorate(x: Exchange, h: Headers): void {
    h['x-request-id'] = x.requestId;
    const limit = x.limitHeaders;
    if (limit) for (const k in limit) h[lower(k)] = limit[k]!;
    if (x.corsHeaders) {
      for (const [k, v] of x.corsHeaders) {
        if (k === 'vary') appendToken(h, k, v);
        else h[k] = v;
      }
    }
    const vh = x.route?.versionHeaders;
    if (vh) for (const [k, v] of vh) h[k] = v;
    if (x.cacheStatus === 'HIT' || x.cacheStatus === 'MISS') h['x-cache'] = x.cacheStatus;
  }

  /** An answer the gateway itself produces: the standard error envelope. */
  refuse(
    x: Exchange,
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    extra?: Record<string, string>,
    details: ErrorDetail[] = [],
  ): void {
    x.status = status;
    x.errorCode = code;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify(errorEnvelope(code as ErrorCode, message, details, x.requestId));
    const h: Headers = {
      'content-type': JSON_TYPE,
      'content-length': String(Buffer.byteLength(body)),
    };
    this.decorate(x, h);
    if (extra) for (const k in extra) h[k.toLowerCase()] = extra[k]!;
    res.writeHead(status, h);
    x.bytesOut = x.method === 'HEAD' ? 0 : Buffer.byteLength(body);
    res.end(x.method === 'HEAD' ? undefined : body);
  }

  internal(x: Exchange, res: ServerResponse, err: unknown): void {
    const e = toErrorResponse(err, x.requestId, this.logger as unknown as PlatformLogger);
    this.refuse(x, res, e.status, e.body.error.code, e.body.error.message, e.headers);
  }

  /** Once per request, when the response is done or the client went away. */
}

function compressed(h: Headers, enc: Encoding): void {
  delete h['content-length'];
  h['content-encoding'] = enc;
  appendToken(h, 'vary', 'Accept-Encoding');
}
