import { performance } from 'node:perf_hooks';
import type { Upstream } from '@portico/contracts';
import { Agent, errors, request } from 'undici';
import {
  UpstreamError,
  type UpstreamRequest,
  type UpstreamResponse,
  type UpstreamRouter,
} from '../../src/pipeline/contracts';

/**
 * A minimal UpstreamRouter for the data plane's tests while the upstreams stage is built in
 * parallel: first target (or the named service's address), one attempt, over undici. It also
 * records what it was asked, so tests can see exactly what the upstream seam received.
 */
export class TestUpstreamRouter implements UpstreamRouter {
  readonly sent: Array<{ upstream: Upstream; req: UpstreamRequest }> = [];
  retained: Upstream[] = [];
  private readonly agent = new Agent({ keepAliveTimeout: 1_000 });

  constructor(private readonly services: Record<string, string> = {}) {}

  async send(upstream: Upstream, req: UpstreamRequest): Promise<UpstreamResponse> {
    this.sent.push({ upstream, req });
    const base = upstream.targets?.[0]?.url ?? this.services[upstream.service ?? ''];
    if (!base) throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'no instance to send to');
    const url = new URL(base);
    const started = performance.now();
    try {
      const res = await request(`${base.replace(/\/$/, '')}${req.path}`, {
        dispatcher: this.agent,
        method: req.method as 'GET',
        headers: req.headers,
        body: req.body ?? null,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      return {
        status: res.statusCode,
        headers: res.headers,
        body: res.body,
        instance: url.host,
        latencyMs: performance.now() - started,
      };
    } catch (err) {
      if (err instanceof errors.HeadersTimeoutError) {
        throw new UpstreamError(
          'UPSTREAM_TIMEOUT',
          'the upstream did not answer in time',
          url.host,
        );
      }
      throw new UpstreamError(
        'UPSTREAM_UNAVAILABLE',
        'the upstream could not be reached',
        url.host,
      );
    }
  }

  retain(upstreams: Upstream[]): void {
    this.retained = upstreams;
  }

  health() {
    return [];
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
