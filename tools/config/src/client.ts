/**
 * A small client of the management APIs. Each service can have its own base URL, so the tool works
 * against the services directly (before or without a gateway) as well as through the gateway,
 * which serves every management path under one address.
 */
export type ServiceName = 'registry' | 'consumers' | 'webhooks';

export interface Endpoints {
  registry: string;
  consumers: string;
  webhooks: string;
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }

  describe(): string {
    const details = this.details
      .map((d) => {
        const o = d as { field?: string; message?: string };
        return o.field ? `${o.field}: ${o.message ?? ''}` : JSON.stringify(d);
      })
      .join('; ');
    return `${this.method} ${this.path} → ${this.status}${this.code ? ` ${this.code}` : ''}: ${
      this.message
    }${details ? ` (${details})` : ''}`;
  }
}

interface Envelope<T> {
  status: 'success' | 'error';
  data?: T;
  pagination?: { page: number; limit: number; total: number };
  error?: { code?: string; message?: string; details?: unknown[] };
}

export class ManagementClient {
  constructor(
    readonly endpoints: Endpoints,
    private readonly apiKey: string,
  ) {}

  async request<T>(service: ServiceName, method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.endpoints[service].replace(/\/+$/, '')}${path}`;
    const headers: Record<string, string> = {
      'x-api-key': this.apiKey,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      throw new ApiError(method, path, 0, undefined, `cannot reach ${url}: ${cause ?? err}`);
    }
    const text = await res.text();
    if (res.status === 204) return undefined as T;
    let parsed: Envelope<T> | undefined;
    try {
      parsed = text ? (JSON.parse(text) as Envelope<T>) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok || parsed?.status !== 'success') {
      throw new ApiError(
        method,
        path,
        res.status,
        parsed?.error?.code,
        parsed?.error?.message ?? (text.slice(0, 200) || res.statusText),
        parsed?.error?.details ?? [],
      );
    }
    return parsed.data as T;
  }

  /** Every page of a list endpoint (100 per page). */
  async list<T>(service: ServiceName, path: string): Promise<T[]> {
    const items: T[] = [];
    const sep = path.includes('?') ? '&' : '?';
    for (let page = 1; ; page++) {
      const url = `${this.endpoints[service].replace(/\/+$/, '')}${path}${sep}page=${page}&limit=100`;
      const res = await fetch(url, {
        headers: { 'x-api-key': this.apiKey, accept: 'application/json' },
      }).catch((err: unknown) => {
        const cause = (err as { cause?: { message?: string } }).cause?.message;
        throw new ApiError('GET', path, 0, undefined, `cannot reach ${url}: ${cause ?? err}`);
      });
      const body = (await res.json().catch(() => undefined)) as Envelope<T[]> | undefined;
      if (!res.ok || body?.status !== 'success' || !Array.isArray(body.data)) {
        throw new ApiError(
          'GET',
          path,
          res.status,
          body?.error?.code,
          body?.error?.message ?? res.statusText,
          body?.error?.details ?? [],
        );
      }
      items.push(...body.data);
      const total = body.pagination?.total ?? items.length;
      if (body.data.length === 0 || items.length >= total) return items;
    }
  }

  get<T>(service: ServiceName, path: string): Promise<T> {
    return this.request<T>(service, 'GET', path);
  }
  post<T>(service: ServiceName, path: string, body: unknown = {}): Promise<T> {
    return this.request<T>(service, 'POST', path, body);
  }
  patch<T>(service: ServiceName, path: string, body: unknown): Promise<T> {
    return this.request<T>(service, 'PATCH', path, body);
  }
  put<T>(service: ServiceName, path: string, body: unknown): Promise<T> {
    return this.request<T>(service, 'PUT', path, body);
  }
  delete(service: ServiceName, path: string): Promise<void> {
    return this.request<void>(service, 'DELETE', path);
  }
}
