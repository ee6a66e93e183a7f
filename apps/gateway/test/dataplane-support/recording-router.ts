import type { Upstream } from '@portico/contracts';
import type {
  UpstreamRequest,
  UpstreamResponse,
  UpstreamRouter,
} from '../../src/pipeline/contracts';

/**
 * The real UpstreamRouter (upstreams/), with a record of what the data plane asked of it, so tests
 * can check the attempts, timeouts and breaker settings the data plane derives from policies.
 */
export class RecordingRouter implements UpstreamRouter {
  readonly sent: Array<{ upstream: Upstream; req: UpstreamRequest }> = [];
  retained: Upstream[] = [];

  constructor(private readonly real: UpstreamRouter) {}

  send(upstream: Upstream, req: UpstreamRequest): Promise<UpstreamResponse> {
    this.sent.push({ upstream, req });
    return this.real.send(upstream, req);
  }

  retain(upstreams: Upstream[]): void {
    this.retained = upstreams;
    this.real.retain(upstreams);
  }

  health() {
    return this.real.health();
  }
}
