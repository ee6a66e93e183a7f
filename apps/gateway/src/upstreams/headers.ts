/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and must not be forwarded. `host`
 * and `content-length` are left to the HTTP client: it sets the upstream's host, and derives the
 * length from the body actually sent (a stale length would make undici refuse the request).
 * `expect: 100-continue` was already answered to the client by Node, and undici refuses it.
 */
function isDropped(name: string): boolean {
  switch (name) {
    case 'connection':
    case 'keep-alive':
    case 'te':
    case 'trailer':
    case 'transfer-encoding':
    case 'upgrade':
    case 'host':
    case 'content-length':
    case 'expect':
      return true;
    default:
      return name.startsWith('proxy-');
  }
}

/**
 * The request headers to send upstream, as undici's flat `[name, value, ...]` list (no object
 * shape to build). Also drops the headers the client named in its own `Connection` header.
 */
export function upstreamRequestHeaders(headers: Record<string, string | string[]>): string[] {
  const out: string[] = [];
  const connection = headers.connection ?? headers.Connection;
  const named = connection ? connectionTokens(connection) : null;
  for (const key in headers) {
    const value = headers[key];
    if (value === undefined) continue;
    const name = key.toLowerCase();
    if (isDropped(name) || (named !== null && named.includes(name))) continue;
    if (typeof value === 'string') out.push(key, value);
    else for (const v of value) out.push(key, v);
  }
  return out;
}

/**
 * Removes hop-by-hop headers from an upstream's response headers (undici's object, ours to edit) by
 * setting them to undefined, which every reader of the object skips. `delete` would turn the object
 * into a dictionary-mode (hash table) object, making every later read and the copy into the client's
 * headers several times slower: measured 3.7 µs against 0.6 µs per response for strip and copy.
 */
export function stripResponseHopHeaders(
  headers: Record<string, string | string[] | undefined>,
): void {
  const connection = headers.connection;
  if (connection !== undefined) {
    // Nearly always just keep-alive or close: nothing else to look up.
    if (connection !== 'keep-alive' && connection !== 'close')
      for (const name of connectionTokens(connection))
        if (headers[name] !== undefined) headers[name] = undefined;
    headers.connection = undefined;
  }
  if (headers['keep-alive'] !== undefined) headers['keep-alive'] = undefined;
  if (headers['transfer-encoding'] !== undefined) headers['transfer-encoding'] = undefined;
  if (headers.upgrade !== undefined) headers.upgrade = undefined;
  if (headers.trailer !== undefined) headers.trailer = undefined;
  if (headers['proxy-authenticate'] !== undefined) headers['proxy-authenticate'] = undefined;
}

/** Header names listed in a `Connection` header, lower-cased (keep-alive and close left out). */
export function connectionTokens(value: string | string[]): string[] {
  const joined = typeof value === 'string' ? value : value.join(',');
  const out: string[] = [];
  for (const token of joined.split(',')) {
    const t = token.trim().toLowerCase();
    // keep-alive/close are the usual values, never header names worth a lookup.
    if (t && t !== 'keep-alive' && t !== 'close') out.push(t);
  }
  return out;
}
