/** Plain fetch over the public HTTP APIs: what any integrator would write. */
export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class StepError extends Error {}

export async function http<T = unknown>(
  base: string,
  method: string,
  path: string,
  opts: { key?: string; json?: unknown; raw?: string; contentType?: string } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.key) headers['x-api-key'] = opts.key;
  let body: string | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['content-type'] = opts.contentType ?? 'application/octet-stream';
  } else if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] = 'application/json';
  }
  const url = `${base.replace(/\/+$/, '')}${path}`;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? String(err);
    throw new StepError(`${method} ${url}: cannot connect (${cause})`);
  }
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** A management call that must succeed: returns the envelope's `data`, or throws with the error. */
export async function manage<T = unknown>(
  base: string,
  method: string,
  path: string,
  opts: Parameters<typeof http>[3] = {},
  expected: number[] = [200, 201, 202, 204],
): Promise<T> {
  const res = await http<{ data?: T; error?: { code?: string; message?: string } }>(
    base,
    method,
    path,
    opts,
  );
  if (!expected.includes(res.status)) {
    const e = typeof res.body === 'object' && res.body ? res.body.error : undefined;
    throw new StepError(
      `${method} ${path} answered ${res.status}${e?.code ? ` ${e.code}` : ''}: ${
        e?.message ?? res.text.slice(0, 300)
      }`,
    );
  }
  return (typeof res.body === 'object' && res.body ? res.body.data : undefined) as T;
}

/** Polls until `check` returns a value, or throws naming what did not happen in time. */
export async function poll<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const reason = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new StepError(`timed out after ${timeoutMs / 1000} s waiting for ${what}${reason}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
