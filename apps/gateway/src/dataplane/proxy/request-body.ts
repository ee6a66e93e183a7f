import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body up to `limit` bytes. Requests without one (no Content-Length, no
 * Transfer-Encoding) answer at once with null; past the limit reading stops (the refusal closes the
 * connection) and `tooLarge` is called instead of `done`.
 */
export function readBoundedBody(
  req: IncomingMessage,
  limit: number,
  done: (body: Buffer | null, size: number) => void,
  tooLarge: (size: number) => void,
): void {
  const cl = req.headers['content-length'];
  if ((cl === undefined || cl === '0') && req.headers['transfer-encoding'] === undefined) {
    done(null, 0);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > limit) {
      over = true;
      req.pause();
      tooLarge(size);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (over) return;
    done(size === 0 ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), size);
  });
  req.on('error', () => undefined); // an aborted upload ends in res 'close', which records it
}
